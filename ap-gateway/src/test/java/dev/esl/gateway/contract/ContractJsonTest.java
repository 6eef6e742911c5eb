package dev.esl.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The golden examples of docs/contract/ are the contract: we read them, and write them back unchanged. */
class ContractJsonTest {
    private static final Path GOLDEN = Path.of("..", "docs", "contract");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void goldenJobBatchIsReadAndWrittenBackUnchanged() throws Exception {
        byte[] golden = golden("job-batch.json");
        JobBatch batch = ContractJson.readJobBatch(golden);

        assertThat(batch.batchId()).isEqualTo("b-20261125-000042");
        assertThat(batch.apSerial()).isEqualTo("ap-01");
        assertThat(batch.jobs()).extracting(Job::action).containsExactly(Job.Action.IMAGE, Job.Action.LED,
                Job.Action.PAGE);
        Job image = batch.jobs().get(0);
        assertThat(image.tagId()).isEqualTo("0A1B2C3D4E5F6071");
        assertThat(image.image().width()).isEqualTo(250);
        assertThat(image.image().data()).isNotEmpty();
        assertThat(batch.jobs().get(1).led()).isEqualTo(new LedCommand("green", "blink", 5, 3000));
        assertThat(batch.jobs().get(2).page()).isEqualTo(new PageCommand(1, 30));

        assertThat(JSON.readTree(ContractJson.write(batch))).isEqualTo(JSON.readTree(golden));
    }

    @Test
    void goldenResultsStatusAndTelemetryRoundTrip() throws Exception {
        byte[] results = golden("result-batch.json");
        ResultBatch batch = ContractJson.readResultBatch(results);
        assertThat(batch.results()).extracting(JobResult::state).containsExactly(JobState.ACCEPTED,
                JobState.DISPLAYED, JobState.SKIPPED, JobState.FAILED);
        assertThat(batch.results().get(3).errorCode()).isEqualTo(8);
        assertThat(JSON.readTree(ContractJson.write(batch))).isEqualTo(JSON.readTree(results));

        for (String file : List.of("ap-status-online.json", "ap-status-offline.json")) {
            byte[] status = golden(file);
            assertThat(JSON.readTree(ContractJson.write(ContractJson.readApStatus(status))))
                    .isEqualTo(JSON.readTree(status));
        }
        byte[] telemetry = golden("telemetry.json");
        TelemetryReport report = ContractJson.readTelemetry(telemetry);
        assertThat(report.tags().get(0).rssi()).isEqualTo(-61);
        assertThat(report.tags().get(1).lqi()).isEqualTo(187);
        assertThat(report.tags().get(0)).extracting(TagTelemetry::width, TagTelemetry::height, TagTelemetry::colors)
                .containsExactly(250, 122, "bwr");
        assertThat(JSON.readTree(ContractJson.write(report))).isEqualTo(JSON.readTree(telemetry));
    }

    @Test
    void aResultAloneRoundTrips() throws Exception {
        JobResult r = new JobResult("j-1", "t-1", "0A1B2C3D4E5F6071", JobState.FAILED,
                Instant.parse("2026-11-25T07:00:00Z"), 3, "insufficient battery", 8, "trace");
        assertThat(ContractJson.readResult(ContractJson.write(r))).isEqualTo(r);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        ObjectNode batch = goldenTree("job-batch.json");
        batch.put("priority", "high");
        ((ObjectNode) batch.get("jobs").get(0)).put("shelf", "A-12");
        assertThat(ContractJson.readJobBatch(JSON.writeValueAsBytes(batch)).jobs()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "schema           | schema: 2 is not a whole number from 1 to 1",
        "type             | type: 'results', expected 'jobs'",
        "batchId          | batchId: missing",
        "apSerial         | apSerial: 'ap-01-with-a-far-too-long-serial' is not 1 to 16 letters, digits, '-' or '_'",
        "sentAt           | sentAt: 'yesterday' is not an ISO-8601 UTC instant",
        "jobs             | jobs: not a non-empty array",
        "jobs[0].tagId    | jobs[0].tagId: 'XYZ' is not 16 hex digits",
        "jobs[0].deadline | jobs[0].deadline: missing",
        "jobs[1].action   | jobs[1].action: 'dance' is not one of",
        "jobs[0].image.data | jobs[0].image.data: not base64",
        "jobs[0].image.hash | jobs[0].image.hash: 'abc' is not 32 hex digits",
        "jobs[1].led.count  | jobs[1].led.count: 0 is not a whole number from 1 to 255",
        "jobs[2].page       | jobs[2].page: missing",
    })
    void everyBrokenRuleIsNamed(String field, String message) throws Exception {
        ObjectNode batch = goldenTree("job-batch.json");
        switch (field) {
            case "schema" -> batch.put("schema", 2);
            case "type" -> batch.put("type", "results");
            case "batchId" -> batch.remove("batchId");
            case "apSerial" -> batch.put("apSerial", "ap-01-with-a-far-too-long-serial");
            case "sentAt" -> batch.put("sentAt", "yesterday");
            case "jobs" -> batch.putArray("jobs");
            case "jobs[0].tagId" -> job(batch, 0).put("tagId", "XYZ");
            case "jobs[0].deadline" -> job(batch, 0).remove("deadline");
            case "jobs[1].action" -> job(batch, 1).put("action", "dance");
            case "jobs[0].image.data" -> ((ObjectNode) job(batch, 0).get("image")).put("data", "***");
            case "jobs[0].image.hash" -> ((ObjectNode) job(batch, 0).get("image")).put("hash", "abc");
            case "jobs[1].led.count" -> ((ObjectNode) job(batch, 1).get("led")).put("count", 0);
            case "jobs[2].page" -> job(batch, 2).remove("page");
            default -> throw new IllegalArgumentException(field);
        }
        assertThatThrownBy(() -> ContractJson.readJobBatch(JSON.writeValueAsBytes(batch)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aBadBatchStillNamesTheJobsItCanIdentify() throws Exception {
        ObjectNode batch = goldenTree("job-batch.json");
        job(batch, 1).put("action", "dance");
        job(batch, 2).remove("tagId");
        InvalidMessageException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidMessageException.class,
                () -> ContractJson.readJobBatch(JSON.writeValueAsBytes(batch)));
        assertThat(e.identifiableJobs()).extracting(Job::jobId).containsExactly("j-1001", "j-1002");
        assertThat(e.identifiableJobs().get(0).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void notJsonAtAllIsReportedAsSuch() {
        assertThatThrownBy(() -> ContractJson.readJobBatch("{jobs: [".getBytes()))
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> ContractJson.readJobBatch("[1,2]".getBytes()))
                .hasMessageContaining("not a JSON object");
    }

    private static ObjectNode job(ObjectNode batch, int index) {
        return (ObjectNode) ((ArrayNode) batch.get("jobs")).get(index);
    }

    private static ObjectNode goldenTree(String file) throws Exception {
        return (ObjectNode) JSON.readTree(golden(file));
    }

    private static byte[] golden(String file) throws Exception {
        return Files.readAllBytes(GOLDEN.resolve(file));
    }

}
