package dev.esl.tagmanager.tag;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A tag and its panel: registers it (for instance scanned at installation) before it first checks in, or (PUT)
 * moves it to another store or corrects its panel.
 */
public record NewTag(
        @NotBlank @Pattern(regexp = "[0-9A-Fa-f]{16}", message = "16 hex digits") String id,
        @NotBlank String storeId,
        @Min(1) @Max(4096) int width,
        @Min(1) @Max(4096) int height,
        @NotBlank @Pattern(regexp = "bw|bwr", message = "bw or bwr") String colors) {

    public NewTag {
        id = id == null ? null : id.toUpperCase(java.util.Locale.ROOT);
    }
}
