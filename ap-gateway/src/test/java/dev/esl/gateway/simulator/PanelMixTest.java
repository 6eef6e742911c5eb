package dev.esl.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PanelMixTest {
    @Test
    void sharesGiveExactCountsWhenTheTagsAddUpAndTheDefaultMixesAllSixPanels() {
        PanelMix mix = PanelMix.parse("2.13bw:100, 2.9BWR:50,4.2bwr:50");
        assertThat(counts(mix.assign(200))).containsExactlyInAnyOrderEntriesOf(
                Map.of(Panel.P213_BW, 100L, Panel.P29_BWR, 50L, Panel.P42_BWR, 50L));
        assertThat(counts(mix.assign(7))).as("largest remainder").containsEntry(Panel.P213_BW, 3L)
                .containsEntry(Panel.P29_BWR, 2L).containsEntry(Panel.P42_BWR, 2L);
        assertThat(mix.assign(4)).as("interleaved, not in blocks").containsExactly(Panel.P213_BW, Panel.P29_BWR,
                Panel.P42_BWR, Panel.P213_BW);
        assertThat(mix).hasToString("2.13bw:100,2.9bwr:50,4.2bwr:50");

        assertThat(PanelMix.even().assign(6)).containsExactly(Panel.values());
        assertThat(counts(PanelMix.even().assign(200))).containsEntry(Panel.P213_BW, 34L).containsEntry(Panel.P42_BWR, 33L);
        assertThat(PanelMix.parse("4.2bw").assign(3)).containsOnly(Panel.P42_BW);
    }

    @Test
    void badMixesAreNamed() {
        assertThatThrownBy(() -> PanelMix.parse("5.8bw:1")).hasMessageContaining("unknown panel '5.8bw'");
        assertThatThrownBy(() -> PanelMix.parse("2.9bw:x")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> PanelMix.parse("2.9bw:0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> PanelMix.parse("2.9bw:1,2.9bw:2")).hasMessageContaining("named twice");
        assertThatThrownBy(() -> PanelMix.parse(" , ")).hasMessageContaining("at least one panel");
    }

    @Test
    void theSimulatorTakesItsPanelsFromTheCommandLine() {
        SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs("--pty", "/tmp/none", "--tags", "3", "--panels", "2.13bw:2,4.2bwr:1");
        SimulatorSettings settings = main.settings();
        assertThat(settings.panels()).isEqualTo(PanelMix.parse("2.13bw:2,4.2bwr:1"));
        assertThat(settings.tags()).isEqualTo(3);

        SimulatorMain defaults = new SimulatorMain();
        new CommandLine(defaults).parseArgs("--pty", "/tmp/none");
        assertThat(defaults.settings().panels()).isEqualTo(PanelMix.even());

        StringWriter err = new StringWriter();
        int exit = new CommandLine(new SimulatorMain()).setErr(new PrintWriter(err))
                .execute("--pty", "/tmp/none", "--panels", "2.13bw:2,5.8bw:1");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--panels").contains("unknown panel '5.8bw'");
    }

    private static Map<Panel, Long> counts(List<Panel> panels) {
        return panels.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
