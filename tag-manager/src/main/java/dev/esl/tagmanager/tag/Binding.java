package dev.esl.tagmanager.tag;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A product on a tag. */
public record Binding(@NotBlank @Pattern(regexp = "[0-9A-Fa-f]{16}", message = "16 hex digits") String tagId,
        @NotBlank String sku) {

    public Binding {
        tagId = tagId == null ? null : tagId.toUpperCase(java.util.Locale.ROOT);
    }
}
