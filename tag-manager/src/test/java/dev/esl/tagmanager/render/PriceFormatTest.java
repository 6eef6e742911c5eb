package dev.esl.tagmanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceFormatTest {
    @Test
    void writesSymbolSpaceAndTheCurrencysMinorDigits() {
        assertThat(PriceFormat.price(new BigDecimal("3.49"), "EUR")).isEqualTo("€ 3.49");
        assertThat(PriceFormat.price(new BigDecimal("3.5"), "EUR")).isEqualTo("€ 3.50");
        assertThat(PriceFormat.price(new BigDecimal("12"), "USD")).isEqualTo("$ 12.00");
        assertThat(PriceFormat.price(new BigDecimal("0.99"), "GBP")).isEqualTo("£ 0.99");
        assertThat(PriceFormat.price(new BigDecimal("350"), "JPY")).isEqualTo("¥ 350");
        assertThat(PriceFormat.price(new BigDecimal("1.250"), "BHD")).isEqualTo("BHD 1.250");
    }

    @Test
    void usesTheIsoCodeWhereTheTableHasNoSymbol() {
        assertThat(PriceFormat.price(new BigDecimal("2.95"), "CHF")).isEqualTo("CHF 2.95");
        assertThat(PriceFormat.price(new BigDecimal("24.90"), "SEK")).isEqualTo("SEK 24.90");
    }

    @Test
    void hasNoThousandsSeparator() {
        assertThat(PriceFormat.price(new BigDecimal("1299"), "EUR")).isEqualTo("€ 1299.00");
    }

    @Test
    void roundsUnitPricesHalfUpAndAppendsTheUnit() {
        assertThat(PriceFormat.unitPrice(new BigDecimal("6.98"), "EUR", "kg")).isEqualTo("€ 6.98 / kg");
        assertThat(PriceFormat.unitPrice(new BigDecimal("6.985"), "EUR", "kg")).isEqualTo("€ 6.99 / kg");
        assertThat(PriceFormat.unitPrice(new BigDecimal("1.2"), "EUR", "l")).isEqualTo("€ 1.20 / l");
    }
}
