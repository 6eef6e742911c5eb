package dev.esl.tagmanager.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceLabelTest {
    private static final BigDecimal PRICE = new BigDecimal("1.29");

    @Test
    void refusesAnEan13WithAWrongCheckDigitNamingTheValue() {
        PriceLabel label = PriceLabel.of("Milk", PRICE, "EUR");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> label.withBarcode(BarcodeKind.EAN13, "4006381333932"))
                .withMessage("EAN-13 4006381333932 has check digit 2, expected 1");
    }

    @Test
    void refusesAnEan13ThatIsNotThirteenDigits() {
        PriceLabel label = PriceLabel.of("Milk", PRICE, "EUR");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> label.withBarcode(BarcodeKind.EAN13, "40063813339"))
                .withMessage("EAN-13 must be 13 digits: '40063813339'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> label.withBarcode(BarcodeKind.EAN13, "400638133393X"))
                .withMessageContaining("400638133393X");
    }

    @Test
    void acceptsValidEan13s() {
        assertThat(PriceLabel.of("Milk", PRICE, "EUR").withBarcode(BarcodeKind.EAN13, "4006381333931").barcode())
                .isEqualTo("4006381333931");
        assertThat(Ean13.checkDigit("590123412345")).isEqualTo(7);
        assertThat(Ean13.checkDigit("000000000000")).isZero();
    }

    @Test
    void refusesANegativePrice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriceLabel.of("Milk", new BigDecimal("-0.50"), "EUR"))
                .withMessage("price must not be negative: -0.50");
    }

    @Test
    void refusesAnEmptyOrBlankName() {
        assertThatIllegalArgumentException().isThrownBy(() -> PriceLabel.of("", PRICE, "EUR"))
                .withMessage("product name must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> PriceLabel.of("  \t", PRICE, "EUR"))
                .withMessage("product name must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> PriceLabel.of(null, PRICE, "EUR"))
                .withMessage("product name must not be empty");
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThatIllegalArgumentException().isThrownBy(() -> PriceLabel.of("Milk", new BigDecimal("1.299"), "EUR"))
                .withMessage("price 1.299 has more decimals than EUR has (2)");
        assertThatIllegalArgumentException().isThrownBy(() -> PriceLabel.of("Rice", new BigDecimal("350.5"), "JPY"))
                .withMessage("price 350.5 has more decimals than JPY has (0)");
        assertThat(PriceLabel.of("Milk", new BigDecimal("1.2900"), "EUR").price()).isEqualByComparingTo("1.29");
    }

    @Test
    void refusesUnknownCurrencies() {
        assertThatIllegalArgumentException().isThrownBy(() -> PriceLabel.of("Milk", PRICE, "EURO"))
                .withMessage("currency must be an ISO 4217 code such as EUR: 'EURO'");
        assertThatIllegalArgumentException().isThrownBy(() -> PriceLabel.of("Milk", PRICE, "ABC"))
                .withMessage("unknown ISO 4217 currency code: ABC");
    }

    @Test
    void refusesAUnitPriceWithoutUnitAndABarcodeWithoutKind() {
        PriceLabel label = PriceLabel.of("Milk", PRICE, "EUR");

        assertThatIllegalArgumentException().isThrownBy(() -> label.withUnitPrice(PRICE, null))
                .withMessageStartingWith("unit price and unit go together");
        assertThatIllegalArgumentException().isThrownBy(() -> label.withBarcode(null, "4006381333931"))
                .withMessageStartingWith("barcode and barcode kind go together");
        assertThatIllegalArgumentException().isThrownBy(() -> label.withUnitPrice(new BigDecimal("-1"), "kg"))
                .withMessage("unit price must not be negative: -1");
    }

    @Test
    void refusesBlankOrLongPromos() {
        PriceLabel label = PriceLabel.of("Milk", PRICE, "EUR");

        assertThatIllegalArgumentException().isThrownBy(() -> label.withPromo(" "))
                .withMessage("promo must be null or text, not blank");
        assertThatIllegalArgumentException().isThrownBy(() -> label.withPromo("Buy two, get one free"))
                .withMessage("promo longer than 12 characters: 'Buy two, get one free'");
    }
}
