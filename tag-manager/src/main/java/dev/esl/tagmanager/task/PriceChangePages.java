package dev.esl.tagmanager.task;

import dev.esl.tagmanager.console.ConsoleController;
import dev.esl.tagmanager.console.StorePage;
import dev.esl.tagmanager.product.ProductMapper;
import dev.esl.tagmanager.security.SignedInUser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The products page of a store: search, a price (and promo) change of one product, and a bulk change from a CSV
 * file with each bad row reported. Prices changed here are the store's own, shown by its tags only (a chain-wide
 * price is changed through the API). A change becomes a task; its page shows it reach the shelf.
 */
@ConsoleController
class PriceChangePages {
    private static final int LIMIT = 100;

    private final StorePage page;
    private final ProductMapper products;
    private final PriceChangeService priceChanges;

    PriceChangePages(StorePage page, ProductMapper products, PriceChangeService priceChanges) {
        this.page = page;
        this.products = products;
        this.priceChanges = priceChanges;
    }

    @GetMapping("/console/stores/{storeId}/products")
    String products(@PathVariable String storeId, @RequestParam(defaultValue = "") String q, Model model) {
        page.open(storeId, model);
        model.addAttribute("q", q);
        model.addAttribute("products", products.search(storeId, q.strip(), LIMIT));
        model.addAttribute("limit", LIMIT);
        return "products";
    }

    @PostMapping("/console/stores/{storeId}/products/{sku}/price")
    String changePrice(@PathVariable String storeId, @PathVariable String sku, @RequestParam String price,
            @RequestParam(required = false) String unitPrice, @RequestParam(required = false) String promo,
            Model model, RedirectAttributes flash) {
        page.open(storeId, model);
        BigDecimal amount;
        BigDecimal perUnit;
        try {
            amount = amount(price);
            perUnit = unitPrice == null || unitPrice.isBlank() ? null : amount(unitPrice);
        } catch (NumberFormatException e) {
            flash.addFlashAttribute("error", sku + ": '" + e.getMessage() + "' is not an amount; write it like 1.29");
            return "redirect:/console/stores/" + storeId + "/products?q=" + sku;
        }
        String newPromo = promo == null || promo.isBlank() ? null : promo.strip();
        List<PriceChangeRow> rows = List.of(new PriceChangeRow(1, sku, amount, perUnit, newPromo));
        TaskCreated created = priceChanges.create(rows, "price of " + sku + " in store " + storeId + " to "
                + amount.toPlainString(), null, null, SignedInUser.nameOr("console"), storeId);
        if (created.taskId() == null) {
            flash.addFlashAttribute("error", sku + " not changed: " + String.join("; ", created.rejected().get(0).problems()));
            return "redirect:/console/stores/" + storeId + "/products?q=" + sku;
        }
        flash.addFlashAttribute("message", "Price of " + sku + " changed to " + amount.toPlainString() + ": "
                + created.jobs() + " tags to update.");
        return "redirect:/console/tasks/" + created.taskId() + "?store=" + storeId;
    }

    private static BigDecimal amount(String typed) {
        try {
            return new BigDecimal(typed.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new NumberFormatException(typed);
        }
    }

    /** The whole file is read and checked; good rows become one task, bad rows are listed with their line. */
    @PostMapping("/console/stores/{storeId}/price-changes")
    String uploadCsv(@PathVariable String storeId, @RequestParam("file") MultipartFile file, Model model)
            throws IOException {
        page.open(storeId, model);
        PriceChangeCsv.Parsed parsed;
        try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            parsed = PriceChangeCsv.parse(reader);
        }
        List<RowError> rejected = new ArrayList<>(parsed.errors());
        TaskCreated created = null;
        if (!parsed.rows().isEmpty()) {
            created = priceChanges.create(parsed.rows(), "price changes in store " + storeId + " from "
                    + file.getOriginalFilename(), null, null, SignedInUser.nameOr("console"), storeId);
            rejected.addAll(created.rejected());
        }
        rejected.sort(java.util.Comparator.comparingInt(RowError::row));
        model.addAttribute("file", file.getOriginalFilename());
        model.addAttribute("created", created);
        model.addAttribute("rejected", rejected);
        return "price-upload";
    }
}
