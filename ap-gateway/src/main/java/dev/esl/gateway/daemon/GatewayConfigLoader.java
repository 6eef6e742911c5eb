package dev.esl.gateway.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads {@link GatewayConfig} from YAML, then applies environment overrides {@code ESL_GATEWAY_<SETTING>}
 * in upper snake case ({@code ESL_GATEWAY_MQTT_HOST=broker.local}, {@code ESL_GATEWAY_SERIAL_PORT=/dev/ttyACM0});
 * a nested setting adds its own name ({@code ESL_GATEWAY_SIMULATOR_TAGS=50}, which also turns the simulator on).
 */
public final class GatewayConfigLoader {
    static final String ENV_PREFIX = "ESL_GATEWAY_";

    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, String> environment;

    public GatewayConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public GatewayConfig load(Path file) throws IOException {
        ObjectNode tree = yaml.createObjectNode();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("config file " + file + " does not exist");
            }
            JsonNode read = yaml.readTree(file.toFile());
            if (read instanceof ObjectNode object) {
                tree = object;
            } else if (read != null && !read.isMissingNode() && !read.isNull()) {
                throw new IOException("config file " + file + " must hold a YAML mapping of settings");
            }
        }
        override(tree, GatewayConfig.class, ENV_PREFIX);
        try {
            return yaml.treeToValue(tree, GatewayConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IOException("invalid gateway configuration" + (file == null ? "" : " in " + file) + ": "
                    + cause.getMessage(), e);
        }
    }

    /** Puts each {@code <prefix><COMPONENT>} variable into the tree; a record component is a nested mapping. */
    private void override(ObjectNode tree, Class<?> type, String prefix) {
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
            if (c.getType().isRecord()) {
                ObjectNode nested = tree.get(c.getName()) instanceof ObjectNode o ? o : yaml.createObjectNode();
                override(nested, c.getType(), name + "_");
                if (!nested.isEmpty()) {
                    tree.set(c.getName(), nested);
                }
            } else {
                String value = environment.get(name);
                if (value != null) {
                    tree.put(c.getName(), value.trim());
                }
            }
        }
    }
}
