package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.DongleMessage.Radio;
import java.time.Duration;

/**
 * A simulated dongle and its tags.
 *
 * @param tags how many tags
 * @param seed makes tag ids, batteries and losses repeatable
 * @param wakeInterval tags sleep this long between check-ins (each with its own phase and ±10 % jitter)
 * @param awakeMs how long a tag listens after a check-in or a RESULT
 * @param maxTransfers image transfers at once, as HELLO announces them
 * @param blockAirtime radio time to send one image block to a tag (one radio: blocks queue for it)
 * @param blockLossRate share of blocks lost on the radio, which the dongle asks the host for again
 * @param lowBatteryFraction share of tags whose battery is too low for an image or LED (error 0x08)
 * @param vanishFraction share of tags that stop checking in within two wake intervals
 * @param displayTime e-paper refresh after the last block
 * @param panels which panels the tags have
 * @param acceptedTransfers image transfers the dongle really runs at once; one more is refused with 0x0B
 *        queue full. Less than {@code maxTransfers} plays a dongle that is busier than it said.
 */
public record SimulatorSettings(int tags, long seed, Duration wakeInterval, int awakeMs, Radio radio, String firmware,
        int maxTransfers, int maxMessage, Duration blockAirtime, double blockLossRate, double lowBatteryFraction,
        double vanishFraction, Duration displayTime, PanelMix panels, int acceptedTransfers) {

    public SimulatorSettings {
        if (tags < 0 || tags > 0xFFFF) {
            throw new IllegalArgumentException("tags must be 0 to 65535, was " + tags);
        }
        if (acceptedTransfers < 0 || acceptedTransfers > maxTransfers) {
            throw new IllegalArgumentException("acceptedTransfers must be 0 to maxTransfers (" + maxTransfers
                    + "), was " + acceptedTransfers);
        }
    }

    /** Every panel alike, and every transfer announced accepted. */
    public SimulatorSettings(int tags, long seed, Duration wakeInterval, int awakeMs, Radio radio, String firmware,
            int maxTransfers, int maxMessage, Duration blockAirtime, double blockLossRate, double lowBatteryFraction,
            double vanishFraction, Duration displayTime) {
        this(tags, seed, wakeInterval, awakeMs, radio, firmware, maxTransfers, maxMessage, blockAirtime,
                blockLossRate, lowBatteryFraction, vanishFraction, displayTime, PanelMix.even(), maxTransfers);
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(200, 1, Duration.ofSeconds(10), 2000, Radio.BLE, "1.4.2", 8, 1024,
                Duration.ofMillis(5), 0.0, 0.0, 0.0, Duration.ofMillis(200));
    }

    public SimulatorSettings withTags(int n) {
        return new SimulatorSettings(n, seed, wakeInterval, awakeMs, radio, firmware, maxTransfers, maxMessage,
                blockAirtime, blockLossRate, lowBatteryFraction, vanishFraction, displayTime, panels,
                acceptedTransfers);
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(tags, newSeed, wakeInterval, awakeMs, radio, firmware, maxTransfers, maxMessage,
                blockAirtime, blockLossRate, lowBatteryFraction, vanishFraction, displayTime, panels,
                acceptedTransfers);
    }

    public SimulatorSettings withWakeInterval(Duration interval) {
        return new SimulatorSettings(tags, seed, interval, awakeMs, radio, firmware, maxTransfers, maxMessage,
                blockAirtime, blockLossRate, lowBatteryFraction, vanishFraction, displayTime, panels,
                acceptedTransfers);
    }

    public SimulatorSettings withRadio(Duration airtime, double lossRate) {
        return new SimulatorSettings(tags, seed, wakeInterval, awakeMs, radio, firmware, maxTransfers, maxMessage,
                airtime, lossRate, lowBatteryFraction, vanishFraction, displayTime, panels, acceptedTransfers);
    }

    public SimulatorSettings withFaults(double lowBattery, double vanish) {
        return new SimulatorSettings(tags, seed, wakeInterval, awakeMs, radio, firmware, maxTransfers, maxMessage,
                blockAirtime, blockLossRate, lowBattery, vanish, displayTime, panels, acceptedTransfers);
    }

    public SimulatorSettings withDisplayTime(Duration time) {
        return new SimulatorSettings(tags, seed, wakeInterval, awakeMs, radio, firmware, maxTransfers, maxMessage,
                blockAirtime, blockLossRate, lowBatteryFraction, vanishFraction, time, panels, acceptedTransfers);
    }

    public SimulatorSettings withPanels(PanelMix mix) {
        return new SimulatorSettings(tags, seed, wakeInterval, awakeMs, radio, firmware, maxTransfers, maxMessage,
                blockAirtime, blockLossRate, lowBatteryFraction, vanishFraction, displayTime, mix, acceptedTransfers);
    }

    /** Announces {@code announced} transfers at once in HELLO but runs only {@code accepted}. */
    public SimulatorSettings withTransfers(int announced, int accepted) {
        return new SimulatorSettings(tags, seed, wakeInterval, awakeMs, radio, firmware, announced, maxMessage,
                blockAirtime, blockLossRate, lowBatteryFraction, vanishFraction, displayTime, panels, accepted);
    }
}
