package dev.esl.tagmanager.task;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.product.ProductMapper;
import dev.esl.tagmanager.product.ShelfPrices;
import dev.esl.tagmanager.product.StorePriceMapper;
import dev.esl.tagmanager.store.StoreMapper;
import dev.esl.tagmanager.template.TemplateService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Image refresh tasks: tags redrawn at their products' current prices with the templates assigned now, one job
 * per tag. Templates and assignments send nothing by themselves; this is how an operator pushes them to the
 * shelf (a tag that already shows the image answers SKIPPED).
 */
@Service
public class ImageRefreshService {
    private static final Logger log = LoggerFactory.getLogger(ImageRefreshService.class);
    private static final int CHUNK = 1000;

    private final BindingMapper bindings;
    private final BoundTagReader reader;
    private final ProductMapper products;
    private final StoreMapper stores;
    private final TaskWriter writer;
    private final LabelImages renderer;
    private final ImageMapper images;
    private final TemplateService templates;
    private final TaskSettings settings;
    private final Clock clock;
    private final TaskEvents events;
    private final StorePriceMapper storePrices;

    ImageRefreshService(BindingMapper bindings, BoundTagReader reader, ProductMapper products, StoreMapper stores, TaskWriter writer,
            LabelImages renderer, ImageMapper images, TemplateService templates, TaskSettings settings,
            Clock clock, TaskEvents events, StorePriceMapper storePrices) {
        this.storePrices = storePrices;
        this.events = events;
        this.bindings = bindings;
        this.reader = reader;
        this.products = products;
        this.stores = stores;
        this.writer = writer;
        this.renderer = renderer;
        this.images = images;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public TaskCreated refresh(ImageRefreshRequest request, String actor) {
        Instant now = clock.instant();
        Instant deadline = settings.deadlineFrom(now, request.deadline());
        boolean wholeStore = request.storeId() != null && !request.storeId().isBlank();
        List<BoundTag> given = wholeStore ? List.of() : givenTags(request.tags());
        if (wholeStore && stores.find(request.storeId()).isEmpty()) {
            throw new NotFoundException("store", request.storeId());
        }
        String description = request.description() != null ? request.description()
                : wholeStore ? "image refresh of store " + request.storeId()
                : "image refresh of " + given.size() + " tags";
        NewTask task = writer.insert(TaskKind.IMAGE_REFRESH, description, actor, now, deadline);
        TaskImages drawn = new TaskImages(renderer, images, templates.catalog());
        Map<String, Product> current = load(wholeStore ? bindings.skusInStore(request.storeId())
                : given.stream().map(BoundTag::sku).distinct().toList());
        ShelfPrices shelf = ShelfPrices.of(storePrices, wholeStore ? List.of(request.storeId())
                : given.stream().map(BoundTag::storeId).distinct().toList());
        ImageJobs inserter = new ImageJobs(task.id, drawn, writer.jobs(),
                t -> shelf.in(t.storeId(), current.get(t.sku())), now, deadline);
        if (wholeStore) {
            reader.inStore(request.storeId(), inserter::add);
        } else {
            given.forEach(inserter::add);
        }
        long jobs = inserter.finish();
        if (jobs == 0) {
            throw new BadRequestException("storeId", "no tag of store " + request.storeId() + " is bound to a product");
        }
        events.tagAction(task, jobs, request, wholeStore ? request.storeId() : null);
        log.info("Task {} ({}): image refresh of {} tags, {} images, trace {}", task.id, actor, jobs, drawn.rendered(),
                task.traceId);
        return new TaskCreated(task.id, task.traceId, 0, jobs, List.of());
    }

    /** The given tags, each known and bound to a product; else 400 naming the first few that are not. */
    private List<BoundTag> givenTags(List<String> ids) {
        Set<String> wanted = new LinkedHashSet<>();
        ids.forEach(id -> wanted.add(id.toUpperCase(Locale.ROOT)));
        List<String> all = new ArrayList<>(wanted);
        List<BoundTag> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            found.addAll(bindings.tags(all.subList(i, Math.min(all.size(), i + CHUNK))));
        }
        found.forEach(t -> wanted.remove(t.tagId()));
        if (!wanted.isEmpty()) {
            throw new BadRequestException("tags", "unknown tags: " + wanted.stream().sorted().limit(20).toList());
        }
        List<String> unbound = found.stream().filter(t -> t.sku() == null).map(BoundTag::tagId).sorted().limit(20)
                .toList();
        if (!unbound.isEmpty()) {
            throw new BadRequestException("tags", "tags without a product: " + unbound);
        }
        return found;
    }

    private Map<String, Product> load(Collection<String> skus) {
        Map<String, Product> found = new HashMap<>();
        List<String> all = new ArrayList<>(skus);
        for (int i = 0; i < all.size(); i += CHUNK) {
            products.findAll(all.subList(i, Math.min(all.size(), i + CHUNK))).forEach(p -> found.put(p.sku(), p));
        }
        return found;
    }
}
