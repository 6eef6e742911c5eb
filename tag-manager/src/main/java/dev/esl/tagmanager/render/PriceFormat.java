package dev.esl.tagmanager.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;

/**
 * How a price is written on a tag, one rule for every store: the currency's symbol, a space, then the amount with
 * a decimal point and exactly the currency's minor-unit digits, no thousands separator ({@code € 3.49},
 * {@code $ 12.00}, {@code ¥ 350}, {@code CHF 2.95}). Symbols come from a fixed table rather than the JDK's locale
 * data so an image (and its hash) does not change with a JDK update; a currency outside the table is written with
 * its ISO 4217 code. A per-store locale would go here.
 */
public final class PriceFormat {
    private static final Map<String, String> SYMBOLS = Map.of(
            "EUR", "€", "USD", "$", "GBP", "£", "JPY", "¥", "CNY", "¥", "INR", "₹", "KRW", "₩");

    private PriceFormat() {
    }

    /** The price as printed; a price with more decimals than the currency has is refused. */
    public static String price(BigDecimal amount, String currencyCode) {
        int digits = minorDigits(currencyCode);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("price " + amount.toPlainString() + " has more decimals than "
                    + currencyCode + " has (" + digits + ")");
        }
        return symbol(currencyCode) + " " + amount.setScale(digits, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A unit price, rounded half up to the currency's digits (it is derived, so it may carry more). */
    public static String unitPrice(BigDecimal amount, String currencyCode, String unit) {
        int digits = minorDigits(currencyCode);
        return symbol(currencyCode) + " " + amount.setScale(digits, RoundingMode.HALF_UP).toPlainString()
                + " / " + unit;
    }

    static String symbol(String currencyCode) {
        return SYMBOLS.getOrDefault(currencyCode, currencyCode);
    }

    static int minorDigits(String currencyCode) {
        // Pseudo-currencies (XAU, XXX) report -1: print them as whole units.
        return Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
    }
}
