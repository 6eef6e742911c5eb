package dev.esl.tagmanager.console;

import dev.esl.tagmanager.security.StoreAccess;
import dev.esl.tagmanager.store.StoreMapper;
import dev.esl.tagmanager.tag.TagMapper;
import java.time.Clock;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Sign-in, the way into a store, the store list of those who run several, and each store's dashboard. */
@ConsoleController
class StorePages {
    private final StoreMapper stores;
    private final StorePage page;
    private final StoreSummaryMapper summary;
    private final TagMapper tags;
    private final ConsoleSettings settings;
    private final Clock clock;

    StorePages(StoreMapper stores, StorePage page, StoreSummaryMapper summary, TagMapper tags,
            ConsoleSettings settings, Clock clock) {
        this.stores = stores;
        this.page = page;
        this.summary = summary;
        this.tags = tags;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** Where Spring Security sends a signed-in user whose role may not open a page. */
    @RequestMapping("/denied")
    ModelAndView denied() {
        ModelAndView page = new ModelAndView("error", HttpStatus.FORBIDDEN);
        page.addObject("status", 403);
        page.addObject("message", "Your role may not open this page or do this.");
        return page;
    }

    /** A clerk or store manager lands in their store; the others choose one. */
    @GetMapping({"/", "/console"})
    String home() {
        return StoreAccess.onlyStore().map(s -> "redirect:/console/stores/" + s).orElse("redirect:/console/stores");
    }

    @GetMapping("/console/stores")
    String stores(Model model) {
        if (StoreAccess.onlyStore().isPresent()) {
            return home();
        }
        model.addAttribute("stores", stores.all());
        return "stores";
    }

    @GetMapping("/console/stores/{storeId}")
    String dashboard(@PathVariable String storeId, Model model) {
        page.open(storeId, model);
        model.addAttribute("tags", summary.tags(storeId, clock.instant().minus(settings.offlineAfter()),
                settings.lowBatteryMv()));
        model.addAttribute("failing", tags.failing(storeId, 1000).size());
        model.addAttribute("aps", summary.aps(storeId));
        model.addAttribute("apsOnline", summary.apsOnline(storeId));
        model.addAttribute("tasks", summary.inProgress(storeId));
        return "dashboard";
    }
}
