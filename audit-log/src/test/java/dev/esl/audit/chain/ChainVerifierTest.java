package dev.esl.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.audit.event.Actor;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static List<ChainedEvent> chain(int n) {
        List<ChainedEvent> events = new ArrayList<>();
        Link head = Link.START;
        for (int i = 1; i <= n; i++) {
            AuditEvent e = AuditEvent.of(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i), Actor.user("ann"),
                    "product.update", new AuditEvent.Target("product", "P" + i), "s1", "{\"price\":1.00}",
                    "{\"price\":" + i + ".00}", Outcome.SUCCESS, null, "node1");
            ChainedEvent c = ChainHasher.link("store:s1", head.seq(), head.hash(), e);
            events.add(c);
            head = new Link(c.seq(), c.hash());
        }
        return events;
    }

    private static Link headOf(List<ChainedEvent> events) {
        ChainedEvent last = events.get(events.size() - 1);
        return new Link(last.seq(), last.hash());
    }

    @Test
    void anUntouchedChainIsIntact() {
        List<ChainedEvent> events = chain(5);
        VerificationReport r = ChainVerifier.verify("store:s1", Link.START, events.iterator(), headOf(events));
        assertThat(r.intact()).isTrue();
        assertThat(r.checked()).isEqualTo(5);
        assertThat(r.lastSeq()).isEqualTo(5);
        assertThat(events.get(0).prevHash()).isEqualTo(ChainHasher.GENESIS);
        assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
    }

    @Test
    void anEditedEventIsNamed() {
        List<ChainedEvent> events = chain(5);
        Link head = headOf(events);
        ChainedEvent third = events.get(2);
        AuditEvent edited = AuditEvent.of(third.event().at(), third.event().actor(), third.event().action(),
                third.event().target(), "s1", third.event().before(), "{\"price\":0.01}", Outcome.SUCCESS, null, "node1");
        events.set(2, new ChainedEvent(0, 1, third.stream(), 3, edited, third.prevHash(), third.hash()));
        VerificationReport r = ChainVerifier.verify("store:s1", Link.START, events.iterator(), head);
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBad()).isEqualTo(3);
        assertThat(r.problem()).contains("does not give its hash");
    }

    @Test
    void anEditRehashedBreaksTheNextLink() {
        List<ChainedEvent> events = chain(5);
        Link head = headOf(events);
        ChainedEvent third = events.get(2);
        AuditEvent edited = AuditEvent.of(third.event().at(), Actor.user("mallory"), third.event().action(),
                third.event().target(), "s1", third.event().before(), third.event().after(), Outcome.SUCCESS, null,
                "node1");
        events.set(2, ChainHasher.link("store:s1", 2, third.prevHash(), edited));
        VerificationReport r = ChainVerifier.verify("store:s1", Link.START, events.iterator(), head);
        assertThat(r.firstBad()).isEqualTo(4);
        assertThat(r.problem()).contains("previous hash");
    }

    @Test
    void aDeletedEventAndADeletedTailAreMissingLinks() {
        List<ChainedEvent> events = chain(5);
        Link head = headOf(events);
        List<ChainedEvent> withoutSecond = new ArrayList<>(events);
        withoutSecond.remove(1);
        VerificationReport gap = ChainVerifier.verify("store:s1", Link.START, withoutSecond.iterator(), head);
        assertThat(gap.firstBad()).isEqualTo(2);
        assertThat(gap.problem()).startsWith("missing");

        VerificationReport tail = ChainVerifier.verify("store:s1", Link.START, events.subList(0, 3).iterator(), head);
        assertThat(tail.firstBad()).isEqualTo(4);
        assertThat(tail.lastSeq()).isEqualTo(3);
        assertThat(tail.problem()).contains("head says the stream ends at seq 5");
    }

    @Test
    void anArchivedStartIsTrusted() {
        List<ChainedEvent> events = chain(5);
        ChainedEvent second = events.get(1);
        VerificationReport r = ChainVerifier.verify("store:s1", new Link(2, second.hash()),
                events.subList(2, 5).iterator(), headOf(events));
        assertThat(r.intact()).isTrue();
        assertThat(r.checked()).isEqualTo(3);
    }
}
