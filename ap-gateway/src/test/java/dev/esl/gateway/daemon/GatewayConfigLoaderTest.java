package dev.esl.gateway.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theSampleConfigLoadsWithDefaultsForWhatItLeavesOut() throws Exception {
        GatewayConfig c = new GatewayConfigLoader(Map.of()).load(Path.of("..", "config", "gateway.yml"));
        assertThat(c.apSerial()).isEqualTo("ap-01");
        assertThat(c.baudRate()).isEqualTo(115200);
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.blockSize()).isEqualTo(480);
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("g.yml"), "apSerial: ap-01\nstoreId: s1\nmqttPort: 1883\n");
        GatewayConfig c = new GatewayConfigLoader(Map.of("ESL_GATEWAY_MQTT_PORT", "1884",
                "ESL_GATEWAY_SERIAL_PORT", "/dev/ttyACM0", "ESL_GATEWAY_AP_SERIAL", "ap-02")).load(file);
        assertThat(c.mqttPort()).isEqualTo(1884);
        assertThat(c.serialPort()).isEqualTo("/dev/ttyACM0");
        assertThat(c.apSerial()).isEqualTo("ap-02");
    }

    @Test
    void theSimulatorSettingComesFromYamlOrTheEnvironmentAndIsOffOtherwise() throws Exception {
        Path plain = Files.writeString(dir.resolve("p.yml"), "apSerial: ap-01\nstoreId: s1\n");
        assertThat(new GatewayConfigLoader(Map.of()).load(plain).simulator()).isNull();
        assertThat(new GatewayConfigLoader(Map.of()).load(Path.of("..", "config", "gateway.yml")).simulator())
                .as("the sample config leaves it commented out").isNull();

        Path file = Files.writeString(dir.resolve("s.yml"),
                "apSerial: ap-01\nstoreId: s1\nsimulator:\n  tags: 20\n  panels: 2.13bw:1,4.2bwr:1\n");
        GatewayConfig c = new GatewayConfigLoader(Map.of("ESL_GATEWAY_SIMULATOR_WAKE_INTERVAL_MS", "1500")).load(file);
        assertThat(c.simulator()).isEqualTo(new SimulatorConfig(20, "2.13bw:1,4.2bwr:1", 1500, null));
        assertThat(c.simulator().settings("ap-01").panels()).hasToString("2.13bw:1,4.2bwr:1");
        assertThat(c.simulator().settings("ap-01").wakeInterval()).isEqualTo(java.time.Duration.ofMillis(1500));

        GatewayConfig fromEnv = new GatewayConfigLoader(Map.of("ESL_GATEWAY_SIMULATOR_TAGS", "5")).load(plain);
        assertThat(fromEnv.simulator()).isEqualTo(new SimulatorConfig(5, null, 10_000, null));
        Path defaults = Files.writeString(dir.resolve("d.yml"), "apSerial: ap-01\nstoreId: s1\nsimulator: {}\n");
        assertThat(new GatewayConfigLoader(Map.of()).load(defaults).simulator().tags()).isEqualTo(200);

        assertThatThrownBy(() -> new GatewayConfigLoader(Map.of("ESL_GATEWAY_SIMULATOR_PANELS", "2.13bw:x"))
                .load(plain)).hasMessageContaining("simulator.panels").hasMessageContaining("whole number");
        Path typo = Files.writeString(dir.resolve("t.yml"), "apSerial: a\nstoreId: s\nsimulator:\n  tag: 3\n");
        assertThatThrownBy(() -> new GatewayConfigLoader(Map.of()).load(typo)).hasMessageContaining("tag");
    }

    @Test
    void badSettingsAreNamed() throws Exception {
        Path noSerial = Files.writeString(dir.resolve("a.yml"), "storeId: s1\n");
        assertThatThrownBy(() -> new GatewayConfigLoader(Map.of()).load(noSerial))
                .hasMessageContaining("apSerial must be 1 to 16 letters");
        Path typo = Files.writeString(dir.resolve("b.yml"), "apSerial: a\nstoreId: s\nbaudrat: 9600\n");
        assertThatThrownBy(() -> new GatewayConfigLoader(Map.of()).load(typo)).hasMessageContaining("baudrat");
        Path badPort = Files.writeString(dir.resolve("c.yml"), "apSerial: a\nstoreId: s\nmqttPort: 70000\n");
        assertThatThrownBy(() -> new GatewayConfigLoader(Map.of()).load(badPort))
                .hasMessageContaining("mqttPort must be 1 to 65535");
        assertThatThrownBy(() -> new GatewayConfigLoader(Map.of()).load(dir.resolve("missing.yml")))
                .hasMessageContaining("does not exist");
    }
}
