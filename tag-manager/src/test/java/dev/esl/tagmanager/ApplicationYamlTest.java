package dev.esl.tagmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esl.tagmanager.audit.AuditSettings;
import dev.esl.tagmanager.console.ConsoleSettings;
import dev.esl.tagmanager.db.EmbeddedDatabaseSettings;
import dev.esl.tagmanager.dispatch.DispatchSettings;
import dev.esl.tagmanager.dispatch.MqttSettings;
import dev.esl.tagmanager.security.SecuritySettings;
import dev.esl.tagmanager.task.TaskSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped application.yml, bound as Spring Boot binds it: every {@code esl.*} key must be read by the settings
 * record of its prefix. A key under the wrong prefix (as max-attempts once was, under esl.dispatch) silently does
 * nothing at run time; here it fails.
 */
class ApplicationYamlTest {
    private static final Map<String, Class<?>> SETTINGS = Map.of("esl.db.embedded", EmbeddedDatabaseSettings.class,
            "esl.mqtt", MqttSettings.class, "esl.dispatch", DispatchSettings.class, "esl.tasks", TaskSettings.class,
            "esl.audit", AuditSettings.class, "esl.security", SecuritySettings.class, "esl.console",
            ConsoleSettings.class);

    private final List<PropertySource<?>> file = load();

    @Test
    void taskSettingsInTheFileReachTaskSettings() {
        TaskSettings tasks = bind("esl.tasks", TaskSettings.class);
        assertThat(tasks.maxAttempts()).isEqualTo(Integer.parseInt(property("esl.tasks.max-attempts")));
        assertThat(tasks.retryBackoff()).isEqualTo(DurationStyle.detectAndParse(property("esl.tasks.retry-backoff")));
        assertThat(tasks.defaultDeadline())
                .isEqualTo(DurationStyle.detectAndParse(property("esl.tasks.default-deadline")));
    }

    @Test
    void everyEslKeyInTheFileIsReadBySettings() {
        List<String> keys = new ArrayList<>();
        for (PropertySource<?> source : file) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                if (name.startsWith("esl.")) {
                    keys.add(name);
                }
            }
        }
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(SETTINGS.keySet())
                .as("settings prefix of %s", key).anyMatch(prefix -> key.startsWith(prefix + ".")));
        // Fails on any key under the prefix that the record has no component for.
        SETTINGS.forEach((prefix, type) -> bind(prefix, type));
    }

    private <T> T bind(String prefix, Class<T> type) {
        Binder binder = new Binder(ConfigurationPropertySources.from(file));
        return binder.bindOrCreate(prefix, Bindable.of(type), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    }

    private String property(String name) {
        for (PropertySource<?> source : file) {
            Object value = source.getProperty(name);
            if (value != null) {
                return value.toString();
            }
        }
        throw new AssertionError(name + " is not in application.yml");
    }

    private static List<PropertySource<?>> load() {
        try {
            return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
