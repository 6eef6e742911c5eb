package dev.esl.gateway.daemon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.esl.gateway.simulator.PanelMix;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.time.Duration;

/**
 * The gateway's {@code simulator} setting: instead of opening {@code serialPort}, the daemon plays a dongle and
 * its tags in its own process (the demo). YAML keys as named here; docs/ap-gateway.md.
 *
 * @param tags how many tags
 * @param panels their panels as shares ({@code 2.13bw:100,2.9bwr:50,4.2bwr:50}); null: all six panels alike
 * @param wakeIntervalMs time between a tag's check-ins
 * @param seed tag ids and randomness; null: taken from the AP serial, so each AP of a store has its own tags
 */
public record SimulatorConfig(int tags, String panels, int wakeIntervalMs, Long seed) {

    @JsonCreator
    public SimulatorConfig(@JsonProperty("tags") Integer tags, @JsonProperty("panels") String panels,
            @JsonProperty("wakeIntervalMs") Integer wakeIntervalMs, @JsonProperty("seed") Long seed) {
        this(tags == null ? 200 : tags, panels, wakeIntervalMs == null ? 10_000 : wakeIntervalMs, seed);
    }

    public SimulatorConfig {
        if (tags < 1 || tags > 0xFFFF) {
            throw new IllegalArgumentException("simulator.tags must be 1 to 65535, was " + tags);
        }
        if (wakeIntervalMs < 100) {
            throw new IllegalArgumentException("simulator.wakeIntervalMs must be at least 100, was " + wakeIntervalMs);
        }
        if (panels != null) {
            try {
                PanelMix.parse(panels);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("simulator.panels: " + e.getMessage(), e);
            }
        }
    }

    SimulatorSettings settings(String apSerial) {
        return SimulatorSettings.defaults().withTags(tags).withWakeInterval(Duration.ofMillis(wakeIntervalMs))
                .withPanels(panels == null ? PanelMix.even() : PanelMix.parse(panels))
                .withSeed(seed == null ? apSerial.hashCode() : seed);
    }
}
