package dev.esl.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsYamlAndAppliesDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("broker.yml"), """
                port: 1884
                naming: plain
                duplicateClientId: refuse
                groups: [GID_AP]
                parentTopics: [ESL]
                """);
        BrokerConfig c = new ConfigLoader(Map.of()).load(file);
        assertThat(c.port()).isEqualTo(1884);
        assertThat(c.naming()).isEqualTo(NamingMode.PLAIN);
        assertThat(c.duplicateClientId()).isEqualTo(DuplicateClientIdPolicy.REFUSE);
        assertThat(c.groups()).containsExactly("GID_AP");
        assertThat(c.parentTopics()).containsExactly("esl");
        assertThat(c.maxPacketSize()).isEqualTo(BrokerConfig.DEFAULT_MAX_PACKET_SIZE);
        assertThat(c.maxSubscriptionsPerClient()).isEqualTo(30);
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("broker.yml"), "port: 1884\ngroups: [GID_AP]\n");
        BrokerConfig c = new ConfigLoader(Map.of(
                "ESL_BROKER_PORT", "2883",
                "ESL_BROKER_GROUPS", "GID_AP, GID_TAGMGR",
                "ESL_BROKER_MAX_PACKET_SIZE", "4096")).load(file);
        assertThat(c.port()).isEqualTo(2883);
        assertThat(c.groups()).containsExactlyInAnyOrder("GID_AP", "GID_TAGMGR");
        assertThat(c.maxPacketSize()).isEqualTo(4096);
    }

    @Test
    void namesTheBadSetting() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yml"), "prot: 1884\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(typo)).hasMessageContaining("prot");
        Path badGroup = Files.writeString(dir.resolve("group.yml"), "groups: [AP]\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badGroup)).hasMessageContaining("group 'AP'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("missing.yml"))).hasMessageContaining("does not exist");
    }

    @Test
    void upperSnakeNamesMatchRecordComponents() {
        assertThat(ConfigLoader.upperSnake("maxSubscriptionsPerClient")).isEqualTo("MAX_SUBSCRIPTIONS_PER_CLIENT");
    }
}
