package dev.esl.broker.routing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicMatchTest {
    @ParameterizedTest
    @CsvSource({
            "esl/#, esl, true",
            "esl/#, esl/a/b, true",
            "esl/+, esl/a, true",
            "esl/+, esl/a/b, false",
            "esl/+/c, esl/a/c, true",
            "#, $SYS/x, false",
            "+/x, $SYS/x, false",
            "$SYS/#, $SYS/x, true",
            "esl/a, esl/a/b, false",
            "esl/a/b, esl/a, false",
    })
    void matchesLikeTheSpecification(String filter, String topic, boolean expected) {
        assertThat(TopicMatch.matches(filter, topic)).isEqualTo(expected);
    }
}
