package dev.esl.tagmanager.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PanelTest {
    @Test
    void ofReturnsTheKnownPanelOfThatSizeAndColours() {
        assertThat(Panel.of(250, 122, PanelColors.BWR)).isSameAs(Panel.EPD_2_13_BWR);
        assertThat(Panel.of(296, 128, PanelColors.BW)).isSameAs(Panel.EPD_2_9_BW);
        assertThat(Panel.of(400, 300, PanelColors.BWR)).isSameAs(Panel.EPD_4_2_BWR);
    }

    @Test
    void ofMakesAGenericPanelForOtherSizes() {
        Panel panel = Panel.of(640, 384, PanelColors.BW);

        assertThat(panel).isEqualTo(new Panel(640, 384, PanelColors.BW));
        assertThat(Panel.KNOWN).doesNotContain(panel);
    }

    @Test
    void packedSizeIsRowBytesTimesHeightTimesPlanes() {
        assertThat(Panel.EPD_2_13_BW.packedBytes()).isEqualTo(32 * 122);
        assertThat(Panel.EPD_2_13_BWR.packedBytes()).isEqualTo(2 * 32 * 122);
        assertThat(Panel.EPD_2_9_BWR.packedBytes()).isEqualTo(2 * 37 * 128);
        assertThat(Panel.EPD_4_2_BW.packedBytes()).isEqualTo(50 * 300);
    }

    @Test
    void refusesSizesNoLabelFits() {
        assertThatIllegalArgumentException().isThrownBy(() -> Panel.of(100, 40, PanelColors.BW))
                .withMessage("panel size 100x40 outside 120x60 to 2048x2048");
    }

    @Test
    void colorsHaveTheContractsWireNames() {
        assertThat(PanelColors.BW.wireName()).isEqualTo("bw");
        assertThat(PanelColors.BWR.wireName()).isEqualTo("bwr");
    }
}
