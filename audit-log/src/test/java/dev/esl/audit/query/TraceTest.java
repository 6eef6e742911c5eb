package dev.esl.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.audit.chain.ChainHasher;
import dev.esl.audit.event.Actor;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import dev.esl.audit.event.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static ChainedEvent event(long seq, String action, Actor actor, String after, int second) {
        AuditEvent e = AuditEvent.of(T0.plusSeconds(second), actor, action, new AuditEvent.Target("ap", "ap-1"), "s1",
                null, after, Outcome.SUCCESS, "t1", "node1");
        return ChainHasher.link("store:s1", seq - 1, ChainHasher.GENESIS, e);
    }

    @Test
    void eachTagsPathIsReadFromTheJobListsOfItsEvents() {
        Trace trace = Trace.of("t1", List.of(
                event(1, "price-change.create", Actor.apiClient("erp"), "{\"jobs\":3}", 0),
                event(2, "jobs.sent", Actor.SYSTEM, "{\"state\":\"SENT\",\"ap\":\"ap-1\",\"jobs\":["
                        + "{\"jobId\":\"1.1\",\"tagId\":\"A\"},{\"jobId\":\"2.1\",\"tagId\":\"B\"}]}", 1),
                event(3, "jobs.results", Actor.device("ap-1"), "{\"jobs\":["
                        + "{\"jobId\":\"1.1\",\"tagId\":\"A\",\"state\":\"DISPLAYED\",\"at\":\"2026-12-01T08:00:05Z\",\"ap\":\"ap-1\"},"
                        + "{\"jobId\":\"2.1\",\"tagId\":\"B\",\"state\":\"RETRY\",\"attempt\":1,\"reason\":\"queue full\"}]}", 6)));

        assertThat(trace.events()).hasSize(3);
        assertThat(trace.finalStates()).containsEntry("A", "DISPLAYED").containsEntry("B", "RETRY").hasSize(2);
        List<TagStep> a = trace.tags().get("A");
        assertThat(a).extracting(TagStep::state).containsExactly("SENT", "DISPLAYED");
        assertThat(a.get(0).ap()).as("named once for the batch").isEqualTo("ap-1");
        assertThat(a.get(0).attempt()).as("from the wire id 1.1").isEqualTo(1);
        assertThat(a.get(0).at()).as("the event's time").isEqualTo(T0.plusSeconds(1));
        assertThat(a.get(1).at()).as("the AP's time").isEqualTo(Instant.parse("2026-12-01T08:00:05Z"));
        assertThat(a.get(1).seq()).isEqualTo(3);
        assertThat(trace.tags().get("B").get(1).reason()).isEqualTo("queue full");
    }

    @Test
    void aSentBatchMayListItsJobsAsParallelListsOfTagsAndJobIds() {
        Trace trace = Trace.of("t1", List.of(
                event(1, "jobs.sent", Actor.SYSTEM, "{\"state\":\"SENT\",\"ap\":\"ap-2\",\"jobIds\":[\"7.1\",\"9.2\"],"
                        + "\"tagIds\":[\"A\",\"B\"]}", 1),
                event(2, "jobs.results", Actor.device("ap-2"), "{\"jobs\":["
                        + "{\"jobId\":\"9.2\",\"tagId\":\"B\",\"state\":\"DISPLAYED\",\"ap\":\"ap-2\"}]}", 4)));

        assertThat(trace.finalStates()).containsEntry("A", "SENT").containsEntry("B", "DISPLAYED").hasSize(2);
        TagStep b = trace.tags().get("B").get(0);
        assertThat(b.state()).isEqualTo("SENT");
        assertThat(b.jobId()).as("the job id at the tag's position").isEqualTo("9.2");
        assertThat(b.attempt()).isEqualTo(2);
        assertThat(b.ap()).isEqualTo("ap-2");
        assertThat(b.at()).isEqualTo(T0.plusSeconds(1));
        assertThat(trace.tags().get("A").get(0).jobId()).isEqualTo("7.1");
    }
}
