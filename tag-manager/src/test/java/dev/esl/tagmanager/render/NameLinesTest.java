package dev.esl.tagmanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameLinesTest {
    private static final Font FONT = LabelFonts.plain(13);

    @Test
    void keepsAShortNameOnOneLine() {
        assertThat(NameLines.wrap("Organic whole milk 1 l", FONT, 240, 2)).containsExactly("Organic whole milk 1 l");
    }

    @Test
    void breaksBetweenWordsOntoASecondLine() {
        List<String> lines = NameLines.wrap("Organic whole milk 1 l, fresh from pasture-raised cows", FONT, 240, 2);

        assertThat(lines).hasSize(2);
        assertThat(String.join(" ", lines)).isEqualTo("Organic whole milk 1 l, fresh from pasture-raised cows");
        lines.forEach(line -> assertThat(LabelFonts.advance(FONT, line)).isLessThanOrEqualTo(240));
    }

    @Test
    void endsWithAnEllipsisWhenTwoLinesAreNotEnough() {
        List<String> lines = NameLines.wrap("Organic whole milk from pasture-raised cows of the Allgäu, 3.8 % fat,"
                + " gently pasteurised, in a returnable glass bottle", FONT, 240, 2);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).endsWith(NameLines.ELLIPSIS).doesNotEndWith(" " + NameLines.ELLIPSIS);
        lines.forEach(line -> assertThat(LabelFonts.advance(FONT, line)).isLessThanOrEqualTo(240));
    }

    @Test
    void breaksAWordLongerThanALine() {
        List<String> lines = NameLines.wrap("Donaudampfschifffahrtsgesellschaftskapitänsmütze", FONT, 100, 2);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("Donau");
        lines.forEach(line -> assertThat(LabelFonts.advance(FONT, line)).isLessThanOrEqualTo(100));
    }
}
