package dev.esl.tagmanager.ap;

import dev.esl.tagmanager.console.ConsoleController;
import dev.esl.tagmanager.console.StorePage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A store's access points as their last status described them. */
@ConsoleController
class ApPages {
    private final StorePage page;
    private final ApMapper aps;

    ApPages(StorePage page, ApMapper aps) {
        this.page = page;
        this.aps = aps;
    }

    @GetMapping("/console/stores/{storeId}/aps")
    String list(@PathVariable String storeId, Model model) {
        page.open(storeId, model);
        model.addAttribute("aps", aps.ofStore(storeId));
        return "aps";
    }
}
