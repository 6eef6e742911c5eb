package dev.esl.tagmanager.render;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * What a price tag shows. Optional parts are null when absent; the compact constructor refuses anything the
 * renderer could not print faithfully, with a message naming the value.
 *
 * @param productName the product as the shopper reads it; wrapped onto two lines, then cut with an ellipsis
 * @param price       the shelf price, not negative, with at most the currency's minor-unit digits
 * @param currency    ISO 4217 code, e.g. {@code EUR}
 * @param unitPrice   price per {@code unit} (e.g. per kg), or null
 * @param unit        the unit of {@code unitPrice} (e.g. {@code kg}, {@code l}), or null
 * @param promo       a short promotion marker (e.g. {@code -20%}, {@code PROMO}), or null
 * @param barcode     the barcode's content, or null
 * @param barcodeKind how {@code barcode} is encoded, or null when there is none
 */
public record PriceLabel(String productName, BigDecimal price, String currency, BigDecimal unitPrice, String unit,
        String promo, String barcode, BarcodeKind barcodeKind) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_UNIT_LENGTH = 8;
    public static final int MAX_PROMO_LENGTH = 12;
    public static final int MAX_QR_LENGTH = 200;

    public PriceLabel {
        if (productName == null || productName.isBlank()) {
            throw new IllegalArgumentException("product name must not be empty");
        }
        productName = productName.strip();
        if (productName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("product name longer than " + MAX_NAME_LENGTH + " characters: '"
                    + productName.substring(0, 40) + "…'");
        }
        Objects.requireNonNull(price, "price");
        if (price.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative: " + price.toPlainString());
        }
        requireCurrency(currency);
        PriceFormat.price(price, currency); // refuses more decimals than the currency has
        if ((unitPrice == null) != (unit == null || unit.isBlank())) {
            throw new IllegalArgumentException("unit price and unit go together: unit price " + unitPrice
                    + ", unit '" + unit + "'");
        }
        if (unitPrice != null) {
            if (unitPrice.signum() < 0) {
                throw new IllegalArgumentException("unit price must not be negative: " + unitPrice.toPlainString());
            }
            unit = unit.strip();
            if (unit.length() > MAX_UNIT_LENGTH) {
                throw new IllegalArgumentException("unit longer than " + MAX_UNIT_LENGTH + " characters: '"
                        + unit + "'");
            }
        }
        if (promo != null) {
            if (promo.isBlank()) {
                throw new IllegalArgumentException("promo must be null or text, not blank");
            }
            promo = promo.strip();
            if (promo.length() > MAX_PROMO_LENGTH) {
                throw new IllegalArgumentException("promo longer than " + MAX_PROMO_LENGTH + " characters: '"
                        + promo + "'");
            }
        }
        requireBarcode(barcode, barcodeKind);
    }

    /** A label with a name and a price only; add the rest with the {@code with…} methods. */
    public static PriceLabel of(String productName, BigDecimal price, String currency) {
        return new PriceLabel(productName, price, currency, null, null, null, null, null);
    }

    public PriceLabel withUnitPrice(BigDecimal newUnitPrice, String newUnit) {
        return new PriceLabel(productName, price, currency, newUnitPrice, newUnit, promo, barcode, barcodeKind);
    }

    public PriceLabel withPromo(String newPromo) {
        return new PriceLabel(productName, price, currency, unitPrice, unit, newPromo, barcode, barcodeKind);
    }

    public PriceLabel withBarcode(BarcodeKind newKind, String newBarcode) {
        return new PriceLabel(productName, price, currency, unitPrice, unit, promo, newBarcode, newKind);
    }

    public PriceLabel withPrice(BigDecimal newPrice) {
        return new PriceLabel(productName, newPrice, currency, unitPrice, unit, promo, barcode, barcodeKind);
    }

    private static void requireCurrency(String currency) {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR: '" + currency + "'");
        }
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency code: " + currency, e);
        }
    }

    private static void requireBarcode(String barcode, BarcodeKind kind) {
        if ((barcode == null) != (kind == null)) {
            throw new IllegalArgumentException("barcode and barcode kind go together: barcode '" + barcode
                    + "', kind " + kind);
        }
        if (kind == BarcodeKind.EAN13) {
            Ean13.requireValid(barcode);
        } else if (kind == BarcodeKind.QR && (barcode.isBlank() || barcode.length() > MAX_QR_LENGTH)) {
            throw new IllegalArgumentException("QR content must be 1 to " + MAX_QR_LENGTH + " characters: '"
                    + barcode + "'");
        }
    }
}
