package dev.esl.gateway.dongle;

import dev.esl.gateway.link.LinkSettings;
import java.time.Duration;

/**
 * How the host drives its dongle.
 *
 * @param blockSize image bytes per IMAGE_BLOCK (lowered to what the dongle's HELLO allows)
 * @param transferWindow blocks of one transfer sent ahead of the tag's last BLOCK_ACK
 * @param blocksInFlight blocks of all transfers sent and not yet acknowledged by their tags: enough to keep
 *        the line busy, few enough that a new transfer or command does not queue behind seconds of blocks
 *        (and find its tag asleep when it gets there)
 * @param silenceBeforePing a PING goes out when the dongle said nothing for this long
 * @param helloTimeout the link is reset when no HELLO follows its start within this time
 * @param reopenInitial first wait before reopening a failed port; doubles up to {@code reopenMax}
 */
public record DongleSettings(int blockSize, int transferWindow, int blocksInFlight, Duration silenceBeforePing, Duration helloTimeout,
        Duration reopenInitial, Duration reopenMax, LinkSettings link) {

    public static DongleSettings defaults() {
        return new DongleSettings(480, 8, 16, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(500),
                Duration.ofSeconds(10), LinkSettings.defaults());
    }

    public DongleSettings withLink(LinkSettings newLink) {
        return new DongleSettings(blockSize, transferWindow, blocksInFlight, silenceBeforePing, helloTimeout, reopenInitial, reopenMax,
                newLink);
    }

    public DongleSettings withBlockSize(int newBlockSize) {
        return new DongleSettings(newBlockSize, transferWindow, blocksInFlight, silenceBeforePing, helloTimeout, reopenInitial,
                reopenMax, link);
    }
}
