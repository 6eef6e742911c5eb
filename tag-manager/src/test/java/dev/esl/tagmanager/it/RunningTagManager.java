package dev.esl.tagmanager.it;

import dev.esl.tagmanager.TagManagerApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The tag manager started as the real application, on a random HTTP port, against a given schema and broker. */
public final class RunningTagManager implements AutoCloseable {
    /** The first user, a chain manager, that every test's API calls sign in as. */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private final ConfigurableApplicationContext context;

    private RunningTagManager(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningTagManager start(TestDatabase.Schema schema, int brokerPort, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", schema.url());
        props.put("spring.datasource.username", schema.user());
        props.put("spring.datasource.password", schema.password());
        props.putAll(extra);
        return run(brokerPort, props);
    }

    /** With no datasource URL, as out of the box: on the embedded MariaDB it starts itself ({@code esl.db.embedded}). */
    public static RunningTagManager startWithEmbeddedDatabase(int brokerPort, Map<String, Object> extra) {
        return run(brokerPort, extra);
    }

    private static RunningTagManager run(int brokerPort, Map<String, Object> given) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("esl.mqtt.host", "127.0.0.1");
        props.put("esl.mqtt.port", brokerPort);
        props.put("esl.dispatch.poll-interval", "200ms");
        props.put("esl.dispatch.sweep-interval", "1s");
        props.put("spring.main.banner-mode", "off");
        props.put("esl.security.admin-password", ADMIN_PASSWORD);
        // The audit's JSON-lines copy in a directory of this run, not the working directory's data/audit.
        Path audit = tempDir();
        props.put("esl.audit.jsonl.file", audit.resolve("audit.jsonl").toString());
        props.put("esl.audit.digest.file", audit.resolve("digests.jsonl").toString());
        props.put("esl.audit.digest.key-dir", audit.resolve("digest-keys").toString());
        props.putAll(given);
        // As command-line arguments: they win over application.yml (builder properties would not).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TagManagerApplication.class).run(args);
        return new RunningTagManager(context);
    }

    private static java.nio.file.Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("esl-audit");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The API signed in as the first user, a chain manager. */
    public Api api() {
        return api(ADMIN, ADMIN_PASSWORD);
    }

    public Api api(String user, String password) {
        return new Api("http://127.0.0.1:" + port(), user, password);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
