package dev.esl.broker.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainNamingTest {
    private final PlainNaming naming = new PlainNaming();

    @Test
    void acceptsAnyClientIdAndTopic() {
        assertThat(naming.checkClientId("foo")).isEmpty();
        assertThat(naming.allowsEmptyClientId()).isTrue();
        assertThat(naming.checkTopicName("$SYS/a b/ü")).isEmpty();
        assertThat(naming.checkTopicFilter("#")).isEmpty();
    }

    @Test
    void stillAppliesTheSpecificationsRules() {
        assertThat(naming.checkTopicName("a/+")).hasValueSatisfying(r -> assertThat(r).contains("[MQTT-3.3.2-2]"));
        assertThat(naming.checkTopicName("a\u0000b")).hasValueSatisfying(r -> assertThat(r).contains("U+0000"));
        assertThat(naming.checkTopicName("a\uFFFDb")).hasValueSatisfying(r -> assertThat(r).contains("UTF-8"));
        assertThat(naming.checkTopicName("")).isPresent();
        assertThat(naming.checkTopicFilter("a/#/b")).hasValueSatisfying(r -> assertThat(r).contains("[MQTT-4.7.1-2]"));
        assertThat(naming.checkTopicFilter("a/b+")).hasValueSatisfying(r -> assertThat(r).contains("[MQTT-4.7.1-3]"));
    }
}
