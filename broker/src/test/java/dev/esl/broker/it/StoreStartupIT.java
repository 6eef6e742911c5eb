package dev.esl.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone broker refuses to start on a missing or foreign store directory, saying why, with exit code 3. */
class StoreStartupIT {
    @TempDir
    Path dir;

    @Test
    void aMissingStoreDirectoryStopsStartUpInsteadOfAnEmptyBroker() throws Exception {
        Path missing = dir.resolve("not-mounted/store");
        Result r = start(missing);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("Cannot start: store directory").contains("does not exist").contains("mkdir -p");
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void aDirectoryHoldingSomethingElseStopsStartUp() throws Exception {
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("backup.tar"), "not a store");
        Result r = start(foreign);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("CURRENT is missing");
    }

    private Result start(Path store) throws Exception {
        Path config = BrokerProcess.writeConfig(dir, 0, "storage: rocksdb\ndataDir: " + store + "\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                BrokerProcess.JAR.toString(), "--config", config.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the broker exits").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
