package dev.esl.tagmanager.dispatch;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Batch ids: unique across nodes and restarts, and they say which node wrote a batch. */
@Component
class BatchIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    BatchIds(MqttSettings mqtt, Clock clock) {
        this.prefix = mqtt.node() + "-" + Long.toString(clock.millis(), 36) + "-";
    }

    String next() {
        return prefix + counter.incrementAndGet();
    }
}
