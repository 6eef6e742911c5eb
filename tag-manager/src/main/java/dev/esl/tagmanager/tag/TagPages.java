package dev.esl.tagmanager.tag;

import dev.esl.tagmanager.api.NotFoundException;
import dev.esl.tagmanager.console.ConsoleController;
import dev.esl.tagmanager.console.ConsoleSettings;
import dev.esl.tagmanager.console.StorePage;
import dev.esl.tagmanager.preview.TagPreviews;
import dev.esl.tagmanager.product.ProductMapper;
import dev.esl.tagmanager.product.ShelfPrices;
import dev.esl.tagmanager.product.StorePriceMapper;
import dev.esl.tagmanager.security.SignedInUser;
import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.task.ImageRefreshRequest;
import dev.esl.tagmanager.task.ImageRefreshService;
import dev.esl.tagmanager.task.TagActionRequest;
import dev.esl.tagmanager.task.TaskCreated;
import dev.esl.tagmanager.task.TaskService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A store's tags: search by id, product or health, and one tag with the image it shows, its last check-in, and what
 * staff do at the shelf: flash its LED to find it, send its image again, bind or unbind a product.
 */
@ConsoleController
class TagPages {
    private static final int LIMIT = 200;
    /** Long and bright enough to spot one tag in an aisle. */
    private static final TagActionRequest.Led FIND_ME = new TagActionRequest.Led("green", "blink", 20, 15_000);

    private final StorePage page;
    private final TagMapper tags;
    private final ProductMapper products;
    private final StoreAccess access;
    private final TagPreviews previews;
    private final TaskService tasks;
    private final ImageRefreshService refreshes;
    private final TagBindings bindings;
    private final ConsoleSettings settings;
    private final Clock clock;
    private final StorePriceMapper storePrices;

    TagPages(StorePage page, TagMapper tags, ProductMapper products, StoreAccess access, TagPreviews previews,
            TaskService tasks, ImageRefreshService refreshes, TagBindings bindings, ConsoleSettings settings,
            Clock clock, StorePriceMapper storePrices) {
        this.storePrices = storePrices;
        this.page = page;
        this.tags = tags;
        this.products = products;
        this.access = access;
        this.previews = previews;
        this.tasks = tasks;
        this.refreshes = refreshes;
        this.bindings = bindings;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code status}: {@code offline}, {@code low-battery} or {@code failing}; else every tag matching {@code q}. */
    @GetMapping("/console/stores/{storeId}/tags")
    String list(@PathVariable String storeId, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status, Model model) {
        page.open(storeId, model);
        List<Tag> found = switch (status) {
            case "offline" -> tags.notSeenSince(storeId, clock.instant().minus(settings.offlineAfter()), LIMIT);
            case "low-battery" -> tags.lowBattery(storeId, settings.lowBatteryMv(), LIMIT);
            case "failing" -> tags.failing(storeId, LIMIT);
            default -> tags.search(storeId, q.strip(), LIMIT);
        };
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("tags", found);
        model.addAttribute("limit", LIMIT);
        model.addAttribute("offlineSince", clock.instant().minus(settings.offlineAfter()));
        return "tags";
    }

    @GetMapping("/console/tags/{id}")
    String tag(@PathVariable String id, Model model) {
        access.tag(id);
        Tag tag = tags.find(id.toUpperCase(Locale.ROOT)).orElseThrow(() -> new NotFoundException("tag", id));
        page.open(tag.storeId(), model);
        model.addAttribute("tag", tag);
        model.addAttribute("product", tag.sku() == null ? null : ShelfPrices.of(storePrices, List.of(tag.storeId()))
                .in(tag.storeId(), products.find(tag.sku()).orElse(null)));
        model.addAttribute("online", tag.lastSeen() != null
                && tag.lastSeen().isAfter(clock.instant().minus(settings.offlineAfter())));
        return "tag";
    }

    @GetMapping(path = "/console/tags/{id}/preview.png", produces = MediaType.IMAGE_PNG_VALUE)
    @ResponseBody
    ResponseEntity<byte[]> preview(@PathVariable String id) {
        access.tag(id);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(previews.of(id));
    }

    @PostMapping("/console/tags/{id}/flash")
    String flash(@PathVariable String id, RedirectAttributes flash) {
        String storeId = storeOf(id);
        TaskCreated created = tasks.flash(new TagActionRequest(List.of(id), null, FIND_ME, null, null,
                "find tag " + id), SignedInUser.nameOr("console"));
        return toTask(created, storeId, "The LED of " + id + " will blink green for 15 seconds.", flash);
    }

    @PostMapping("/console/tags/{id}/resend")
    String resend(@PathVariable String id, RedirectAttributes flash) {
        String storeId = storeOf(id);
        TaskCreated created = refreshes.refresh(new ImageRefreshRequest(null, List.of(id), null,
                "image of tag " + id + " sent again"), SignedInUser.nameOr("console"));
        return toTask(created, storeId, "The image of " + id + " is sent again.", flash);
    }

    @PostMapping("/console/tags/{id}/bind")
    String bind(@PathVariable String id, @RequestParam String sku, RedirectAttributes flash) {
        access.tag(id);
        Tag tag = bindings.bind(id, sku.strip());
        flash.addFlashAttribute("message", "Tag " + tag.id() + " now shows " + tag.sku()
                + " from its next update (send its image again to update it now).");
        return "redirect:/console/tags/" + tag.id();
    }

    @PostMapping("/console/tags/{id}/unbind")
    String unbind(@PathVariable String id, RedirectAttributes flash) {
        access.tag(id);
        bindings.unbind(id);
        flash.addFlashAttribute("message", "Tag " + id + " has no product any more.");
        return "redirect:/console/tags/" + id;
    }

    /** The tag's store, once the user is known to reach it. */
    private String storeOf(String id) {
        access.tag(id);
        return tags.find(id.toUpperCase(Locale.ROOT)).orElseThrow(() -> new NotFoundException("tag", id)).storeId();
    }

    private static String toTask(TaskCreated created, String storeId, String message, RedirectAttributes flash) {
        flash.addFlashAttribute("message", message);
        return "redirect:/console/tasks/" + created.taskId() + "?store=" + storeId;
    }
}
