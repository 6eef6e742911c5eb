package dev.esl.tagmanager.product;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A product as its tags show it. {@code unit} goes with {@code unitPrice} ("6.98 / kg"); {@code promo} is a
 * short marker ("-20%"); {@code barcodeKind} is {@code EAN13} or {@code QR}.
 */
public record Product(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,32}", message = "1 to 32 letters, digits, '.', '-' or '_'") String sku,
        @NotBlank @Size(max = 200) String name,
        @NotNull @DecimalMin(value = "0.00", message = "must not be negative") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @DecimalMin(value = "0.00", message = "must not be negative") @Digits(integer = 10, fraction = 2) BigDecimal unitPrice,
        @Size(max = 8) String unit,
        @Size(max = 12) String promo,
        @Size(max = 64) String barcode,
        @Pattern(regexp = "EAN13|QR", message = "EAN13 or QR") String barcodeKind) {

    public Product {
        barcodeKind = barcodeKind == null ? "EAN13" : barcodeKind;
    }

    public Product withPrice(BigDecimal newPrice, BigDecimal newUnitPrice, String newPromo) {
        return new Product(sku, name, newPrice, newUnitPrice, unit, newPromo, barcode, barcodeKind);
    }
}
