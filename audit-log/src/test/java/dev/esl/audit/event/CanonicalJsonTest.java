package dev.esl.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysDropsNullsAndWhitespaceAndKeepsDecimalsExact() {
        String json = "{ \"b\": 1.10, \"a\": {\"z\": null, \"y\": [3, 2e2, \"x\\u0001\"]}, \"c\": true }";
        assertThat(CanonicalJson.canonical(json)).isEqualTo("{\"a\":{\"y\":[3,200,\"x\\u0001\"]},\"b\":1.10,\"c\":true}");
    }

    @Test
    void isStableWhenWrittenAgain() {
        String once = CanonicalJson.canonical("{\"price\": 0.899, \"n\": 12345678901234567890, \"s\": \"\\\"é\\n\"}");
        assertThat(CanonicalJson.canonical(once)).isEqualTo(once);
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> CanonicalJson.canonical("{price: 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventLineReadsBackToTheSameEvent() {
        AuditEvent e = AuditEvent.of(Instant.parse("2026-12-01T10:15:30.123456Z"), Actor.apiClient("erp"),
                "product.update", new AuditEvent.Target("product", "MILK-1"), null, "{\"price\":1.09}",
                "{\"price\":1.19}", Outcome.SUCCESS, "abc", "node1");
        ChainedEvent c = new ChainedEvent(0, 1, e.stream(), 7, e, "0".repeat(64), "f".repeat(64));
        String line = EventJson.line(c);
        assertThat(e.at()).as("cut to milliseconds, as stored").isEqualTo(Instant.parse("2026-12-01T10:15:30.123Z"));
        assertThat(e.stream()).isEqualTo("chain");
        assertThat(EventJson.read(line)).isEqualTo(c);
        assertThat(line).startsWith("{\"action\":\"product.update\",\"actor\":{\"id\":\"erp\",\"kind\":\"API_CLIENT\"}")
                .contains("\"before\":{\"price\":1.09}").endsWith("\"traceId\":\"abc\"}");
    }
}
