package dev.esl.broker.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Reads {@link BrokerConfig} from a YAML file, then applies environment overrides:
 * {@code ESL_BROKER_<SETTING>} in upper snake case ({@code ESL_BROKER_PORT=1884},
 * {@code ESL_BROKER_PARENT_TOPICS=esl,demo}); list settings take comma-separated values.
 */
public final class ConfigLoader {
    static final String ENV_PREFIX = "ESL_BROKER_";

    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Loads the file (or only defaults and environment when {@code file} is null). */
    public BrokerConfig load(Path file) throws IOException {
        ObjectNode tree = yaml.createObjectNode();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("config file " + file + " does not exist");
            }
            try (InputStream in = Files.newInputStream(file)) {
                JsonNode read = yaml.readTree(in);
                if (read instanceof ObjectNode object) {
                    tree = object;
                } else if (read != null && !read.isMissingNode() && !read.isNull()) {
                    throw new IOException("config file " + file + " must hold a YAML mapping of settings");
                }
            }
        }
        applyEnvironment(tree);
        try {
            return yaml.treeToValue(tree, BrokerConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("invalid broker configuration" + (file == null ? "" : " in " + file) + ": "
                    + e.getMessage(), e);
        }
    }

    private void applyEnvironment(ObjectNode tree) {
        for (RecordComponent component : BrokerConfig.class.getRecordComponents()) {
            String value = environment.get(ENV_PREFIX + upperSnake(component.getName()));
            if (value == null) {
                continue;
            }
            if (component.getType() == java.util.Set.class) {
                ArrayNode array = tree.putArray(component.getName());
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        array.add(item.trim());
                    }
                }
            } else {
                tree.put(component.getName(), value.trim());
            }
        }
    }

    static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
