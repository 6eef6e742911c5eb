package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.ap.Ap;
import dev.esl.tagmanager.tag.TagTelemetry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Routes what APs publish to the part that records it; a message that breaks the contract is logged and dropped. */
@Component
class InboundMessages {
    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

    private final ResultRecorder results;
    private final ApRecorder aps;

    InboundMessages(ResultRecorder results, ApRecorder aps) {
        this.results = results;
        this.aps = aps;
    }

    void handle(String topic, byte[] payload) {
        try {
            if (topic.endsWith("/result")) {
                ApMessages.Results batch = ApMessages.results(payload);
                if (!batch.skipped().isEmpty()) {
                    log.warn("Results from {} for jobs that are not ours ignored: {}", batch.apSerial(), batch.skipped());
                }
                results.record(batch.apSerial(), batch.results());
            } else if (topic.endsWith("/telemetry")) {
                List<TagTelemetry> tags = ApMessages.telemetry(payload);
                aps.telemetry(tags);
            } else if (topic.endsWith("/status")) {
                Ap status = ApMessages.status(payload);
                aps.status(status);
            } else {
                log.warn("Message on unexpected topic {} ignored", topic);
            }
        } catch (InvalidMessageException e) {
            log.warn("Invalid message on {} dropped: {}", topic, e.getMessage());
        }
    }
}
