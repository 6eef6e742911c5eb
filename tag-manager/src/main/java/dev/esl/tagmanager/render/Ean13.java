package dev.esl.tagmanager.render;

/** EAN-13 validation: the GS1 check digit. */
final class Ean13 {
    private Ean13() {
    }

    /** Refuses anything but 13 digits whose last is the check digit of the first 12. */
    static void requireValid(String value) {
        if (value.length() != 13 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("EAN-13 must be 13 digits: '" + value + "'");
        }
        int expected = checkDigit(value.substring(0, 12));
        int actual = value.charAt(12) - '0';
        if (actual != expected) {
            throw new IllegalArgumentException("EAN-13 " + value + " has check digit " + actual
                    + ", expected " + expected);
        }
    }

    static boolean isValid(String value) {
        return value.length() == 13 && value.chars().allMatch(c -> c >= '0' && c <= '9')
                && value.charAt(12) - '0' == checkDigit(value.substring(0, 12));
    }

    /** GS1: weights 1 and 3 alternate from the left; the check digit tops the sum up to a multiple of 10. */
    static int checkDigit(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = first12.charAt(i) - '0';
            sum += i % 2 == 0 ? digit : 3 * digit;
        }
        return (10 - sum % 10) % 10;
    }
}
