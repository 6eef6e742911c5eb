package dev.esl.audit.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.audit.chain.ChainHasher;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Chains written by earlier versions must still verify: the hash input of an event is pinned here, byte for byte,
 * for events with every member set, with the optional ones left out, and with text that needs escaping.
 */
class EventJsonStabilityTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:15:30.123Z");

    static ChainedEvent full() {
        AuditEvent e = AuditEvent.of(AT, Actor.user("clerk-1"), "price-change.create",
                new AuditEvent.Target("task", "42"), "store-0001",
                "{\"price\":1.09,\"name\":\"Milch \\\"frisch\\\"\\n\",\"tags\":[\"T1\",\"T2\"]}",
                "{\"price\":1.190,\"promo\":null,\"jobs\":[{\"tagId\":\"T1\",\"jobId\":\"7.1\"}]}", Outcome.SUCCESS,
                "trace-9", "node-a");
        return new ChainedEvent(0, 1, e.stream(), 12, e, "a".repeat(64), "");
    }

    static ChainedEvent sparse() {
        AuditEvent e = AuditEvent.of(AT, Actor.SYSTEM, "ap.online", new AuditEvent.Target("ap", "AP-1\t\u0001"),
                null, null, null, Outcome.FAILURE, null, "node-b");
        return new ChainedEvent(0, 1, e.stream(), 1, e, "0".repeat(64), "");
    }

    @Test
    void theHashInputOfAnEventIsWhatEarlierVersionsHashed() {
        assertThat(EventJson.hashInput(full())).isEqualTo("{\"action\":\"price-change.create\",\"actor\":{\"id\":"
                + "\"clerk-1\",\"kind\":\"USER\"},\"after\":{\"jobs\":[{\"jobId\":\"7.1\",\"tagId\":\"T1\"}],\"price\":"
                + "1.190},\"at\":\"2026-12-01T10:15:30.123Z\",\"before\":{\"name\":\"Milch \\\"frisch\\\"\\n\",\"price\":"
                + "1.09,\"tags\":[\"T1\",\"T2\"]},\"node\":\"node-a\",\"outcome\":\"SUCCESS\",\"prevHash\":\""
                + "a".repeat(64) + "\",\"schema\":1,\"seq\":12,\"store\":\"store-0001\",\"stream\":\"store:store-0001\","
                + "\"target\":{\"id\":\"42\",\"type\":\"task\"},\"traceId\":\"trace-9\"}");
        assertThat(ChainHasher.hashOf(full()))
                .isEqualTo("342106755424816fad48d9632566de237fdc508d73f2569a67a2da031006ec23");
        assertThat(EventJson.hashInput(sparse())).isEqualTo("{\"action\":\"ap.online\",\"actor\":{\"id\":\"system\","
                + "\"kind\":\"SYSTEM\"},\"at\":\"2026-12-01T10:15:30.123Z\",\"node\":\"node-b\",\"outcome\":\"FAILURE\","
                + "\"prevHash\":\"" + "0".repeat(64) + "\",\"schema\":1,\"seq\":1,\"stream\":\"chain\",\"target\":{\"id\":"
                + "\"AP-1\\t\\u0001\",\"type\":\"ap\"}}");
        assertThat(ChainHasher.hashOf(sparse()))
                .isEqualTo("e3851bcd066a27977b71da0048ac71800595ff8425223f84f26d089e854127c7");
    }

    @Test
    void aLineIsTheHashInputWithItsHashAndReadsBack() {
        ChainedEvent hashed = ChainHasher.link(full().stream(), 11, "a".repeat(64), full().event());
        String line = EventJson.line(hashed);
        assertThat(line).isEqualTo(EventJson.hashInput(hashed).replace(",\"node\":",
                ",\"hash\":\"" + hashed.hash() + "\",\"node\":"));
        assertThat(CanonicalJson.canonical(line)).as("canonical as written").isEqualTo(line);
        assertThat(EventJson.read(line)).isEqualTo(hashed);
        ChainedEvent sparse = ChainHasher.link("chain", 0, "0".repeat(64), sparse().event());
        assertThat(EventJson.read(EventJson.line(sparse))).isEqualTo(sparse);
    }
}
