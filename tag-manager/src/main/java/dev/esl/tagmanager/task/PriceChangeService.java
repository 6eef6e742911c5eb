package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.product.ProductMapper;
import dev.esl.tagmanager.product.ShelfPrices;
import dev.esl.tagmanager.product.StorePriceMapper;
import dev.esl.tagmanager.store.StoreMapper;
import dev.esl.tagmanager.template.TemplateService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a price change into a task: the new prices recorded (and put on the products when it takes effect),
 * each bound tag's image rendered with its template once per distinct content, one job per tag. Every row is
 * checked on its own: a bad row is reported with its reasons and the good ones are applied, all in one
 * transaction.
 */
@Service
public class PriceChangeService {
    private static final Logger log = LoggerFactory.getLogger(PriceChangeService.class);
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final int CHUNK = 1000;

    private final ProductMapper products;
    private final PriceChangeMapper priceChanges;
    private final ChangedTags changedTags;
    private final TaskWriter taskWriter;
    private final LabelImages renderer;
    private final ImageMapper images;
    private final TemplateService templates;
    private final TaskSettings settings;
    private final Clock clock;
    private final TaskEvents events;
    private final StorePriceMapper storePrices;
    private final StoreMapper stores;
    private final TaskMapper tasks;
    private final JobOutbox outbox;

    PriceChangeService(ProductMapper products, PriceChangeMapper priceChanges, ChangedTags changedTags,
            TaskWriter taskWriter, LabelImages renderer, ImageMapper images, TemplateService templates,
            TaskSettings settings, Clock clock, TaskEvents events, StorePriceMapper storePrices, StoreMapper stores,
            TaskMapper tasks, JobOutbox outbox) {
        this.storePrices = storePrices;
        this.stores = stores;
        this.tasks = tasks;
        this.events = events;
        this.outbox = outbox;
        this.products = products;
        this.priceChanges = priceChanges;
        this.changedTags = changedTags;
        this.taskWriter = taskWriter;
        this.renderer = renderer;
        this.images = images;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /** A chain-wide price change. */
    @Transactional
    public TaskCreated create(List<PriceChangeRow> rows, String description, Instant effectiveAt, Instant deadline,
            String actor) {
        return create(rows, description, effectiveAt, deadline, actor, null);
    }

    /**
     * @param effectiveAt when the new prices apply (null: now); tags are updated from then on
     * @param deadline    when unfinished jobs expire (null: effectiveAt + the default deadline)
     * @param storeId     the store whose own prices these become, shown by its tags only; null: the chain's prices,
     *                    shown by every tag of the products (stores' own prices of them end when it takes effect)
     */
    @Transactional
    public TaskCreated create(List<PriceChangeRow> rows, String description, Instant effectiveAt, Instant deadline,
            String actor, String storeId) {
        if (storeId != null && stores.find(storeId).isEmpty()) {
            throw new dev.esl.tagmanager.api.BadRequestException("storeId", "store " + storeId + " does not exist");
        }
        Instant now = clock.instant();
        Instant effective = effectiveAt == null || effectiveAt.isBefore(now) ? now : effectiveAt;
        Instant until = deadline == null ? effective.plus(settings.defaultDeadline()) : deadline;
        List<RowError> rejected = new ArrayList<>();
        Map<String, PriceChangeRow> valid = validate(rows, rejected);
        Map<String, Product> current = load(valid.keySet());
        if (storeId != null) { // what the store's tags show now: its own price where it has one
            ShelfPrices shelf = ShelfPrices.of(storePrices, List.of(storeId));
            current.replaceAll((sku, p) -> shelf.in(storeId, p));
        }
        valid.values().removeIf(r -> {
            Product p = current.get(r.sku());
            if (p == null) {
                rejected.add(new RowError(r.row(), r.sku(), List.of("sku: product " + r.sku() + " does not exist")));
                return true;
            }
            try {
                LabelImages.label(p.withPrice(r.price(), r.unitPrice(), r.promo()), "EUR");
            } catch (IllegalArgumentException e) {
                rejected.add(new RowError(r.row(), r.sku(), List.of("a tag cannot show it: " + e.getMessage())));
                return true;
            }
            return false;
        });
        rejected.sort(java.util.Comparator.comparingInt(RowError::row));
        if (valid.isEmpty()) {
            return new TaskCreated(null, null, 0, 0, rejected);
        }
        if (!until.isAfter(effective)) {
            throw new dev.esl.tagmanager.api.BadRequestException("deadline", "must be after the time the change takes effect");
        }
        NewTask task = taskWriter.insert(TaskKind.PRICE_CHANGE, description == null || description.isBlank()
                ? "price change of " + valid.size() + " products" + (storeId == null ? "" : " in store " + storeId)
                : description, actor, effective, until);
        if (storeId != null) {
            tasks.setStore(task.id, storeId);
        }
        boolean immediate = !effective.isAfter(now);
        List<PriceChangeMapper.PriceRow> priceRows = new ArrayList<>();
        Map<String, Product> updated = new HashMap<>();
        for (PriceChangeRow r : valid.values()) {
            Product old = current.get(r.sku());
            priceRows.add(new PriceChangeMapper.PriceRow(r.sku(), old.price(), r.price(), r.unitPrice(), r.promo()));
            updated.put(r.sku(), old.withPrice(r.price(), r.unitPrice(), r.promo()));
        }
        for (int i = 0; i < priceRows.size(); i += CHUNK) {
            priceChanges.insertAll(task.id, priceRows.subList(i, Math.min(priceRows.size(), i + CHUNK)),
                    immediate ? now : null);
        }
        if (immediate && storeId == null) {
            priceChanges.applyAll(task.id);
            storePrices.clearAll(task.id);
        } else if (immediate) {
            storePrices.putAll(task.id, storeId);
        }
        JobInserter inserter = taskWriter.jobs();
        JobOutbox.Plan plan = null;
        if (immediate) {
            inserter.keepingIds();
            plan = outbox.plan(task.id, task.traceId, effective, until);
        }
        long jobs = createJobs(task.id, inserter, plan, updated, effective, until, storeId);
        events.priceChange(task, jobs, priceRows, current, rejected.size(), storeId);
        if (plan != null) {
            plan.inserted(inserter::id); // the batches and their events, after the task's event
        }
        log.info("Task {} ({}): {} products, {} jobs, {} rows rejected, effective {}, trace {}", task.id, actor,
                valid.size(), jobs, rejected.size(), effective, task.traceId);
        return new TaskCreated(task.id, task.traceId, valid.size(), jobs, rejected);
    }

    /** An immediate change's jobs go out with it where their AP is known ({@link JobOutbox}, with a plan). */
    private long createJobs(long taskId, JobInserter inserter, JobOutbox.Plan plan, Map<String, Product> updated,
            Instant effective, Instant deadline, String storeId) {
        ImageJobs jobs = new ImageJobs(taskId, new TaskImages(renderer, images, templates.catalog()), inserter,
                t -> updated.get(t.sku()), effective, deadline, plan);
        if (storeId == null) {
            changedTags.forEach(updated.keySet(), products.count(), jobs::add);
        } else {
            changedTags.inStore(storeId, updated.keySet(), jobs::add);
        }
        return jobs.finish();
    }

    private Map<String, PriceChangeRow> validate(List<PriceChangeRow> rows, List<RowError> rejected) {
        Map<String, PriceChangeRow> valid = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (PriceChangeRow r : rows) {
            List<String> problems = new ArrayList<>();
            if (r.sku() == null || !SKU.matcher(r.sku()).matches()) {
                problems.add("sku: 1 to 32 letters, digits, '.', '-' or '_'");
            } else if (firstRow.containsKey(r.sku())) {
                problems.add("sku: " + r.sku() + " already changed in row " + firstRow.get(r.sku()));
            }
            checkAmount("price", r.price(), true, problems);
            checkAmount("unitPrice", r.unitPrice(), false, problems);
            if (r.promo() != null && r.promo().length() > 12) {
                problems.add("promo: at most 12 characters");
            }
            if (problems.isEmpty()) {
                firstRow.put(r.sku(), r.row());
                valid.put(r.sku(), r);
            } else {
                rejected.add(new RowError(r.row(), r.sku(), problems));
            }
        }
        return valid;
    }

    private static void checkAmount(String field, BigDecimal value, boolean required, List<String> problems) {
        if (value == null) {
            if (required) {
                problems.add(field + ": required");
            }
        } else if (value.signum() < 0) {
            problems.add(field + ": must not be negative");
        } else if (value.scale() > 2 || value.precision() - value.scale() > 10) {
            problems.add(field + ": at most 10 digits and 2 decimals");
        }
    }

    private Map<String, Product> load(java.util.Collection<String> skus) {
        Map<String, Product> found = new HashMap<>();
        List<String> all = new ArrayList<>(skus);
        for (int i = 0; i < all.size(); i += CHUNK) {
            for (Product p : products.findAll(all.subList(i, Math.min(all.size(), i + CHUNK)))) {
                found.put(p.sku(), p);
            }
        }
        return found;
    }
}
