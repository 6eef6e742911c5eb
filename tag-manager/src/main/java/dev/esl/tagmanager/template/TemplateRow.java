package dev.esl.tagmanager.template;

import java.util.Arrays;
import java.util.List;

/** A template as stored: the panel sizes in one comma-separated column, NULL for every panel. */
record TemplateRow(String id, String name, boolean showUnitPrice, boolean showPromo, String barcode,
        String promoStyle, String panels) {

    static TemplateRow of(Template t) {
        return new TemplateRow(t.id(), t.name(), t.showUnitPrice(), t.showPromo(), t.barcode(), t.promoStyle(),
                t.panels().isEmpty() ? null : String.join(",", t.panels()));
    }

    Template toTemplate() {
        List<String> sizes = panels == null || panels.isBlank() ? List.of() : Arrays.asList(panels.split(","));
        return new Template(id, name, showUnitPrice, showPromo, barcode, promoStyle, sizes);
    }
}
