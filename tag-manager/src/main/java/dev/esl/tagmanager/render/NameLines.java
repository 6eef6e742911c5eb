package dev.esl.tagmanager.render;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/** Breaks a product name into at most two lines of a given width, ending with an ellipsis when it is cut. */
final class NameLines {
    static final String ELLIPSIS = "…";

    private NameLines() {
    }

    static List<String> wrap(String name, Font font, int width, int maxLines) {
        List<String> lines = new ArrayList<>(maxLines);
        String rest = name.strip().replaceAll("\\s+", " ");
        while (!rest.isEmpty() && lines.size() < maxLines) {
            boolean last = lines.size() == maxLines - 1;
            if (last || fits(rest, font, width)) {
                lines.add(fits(rest, font, width) ? rest : cut(rest, font, width));
                break;
            }
            int end = lineEnd(rest, font, width);
            lines.add(rest.substring(0, end).strip());
            rest = rest.substring(end).strip();
        }
        return lines;
    }

    /** Where the first line ends: after the last word that fits, or mid-word when even the first word does not. */
    private static int lineEnd(String text, Font font, int width) {
        int end = 0;
        int space = text.indexOf(' ');
        while (space > 0 && fits(text.substring(0, space), font, width)) {
            end = space;
            space = text.indexOf(' ', space + 1);
        }
        return end > 0 ? end : Math.max(1, longestFittingPrefix(text, "", font, width));
    }

    /** The longest prefix that fits with the ellipsis after it, trailing spaces dropped. */
    private static String cut(String text, Font font, int width) {
        int end = longestFittingPrefix(text, ELLIPSIS, font, width);
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    private static int longestFittingPrefix(String text, String suffix, Font font, int width) {
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (fits(text.substring(0, mid) + suffix, font, width)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static boolean fits(String text, Font font, int width) {
        return LabelFonts.advance(font, text) <= width;
    }
}
