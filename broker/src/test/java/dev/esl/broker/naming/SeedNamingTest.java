package dev.esl.broker.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeedNamingTest {
    private final SeedNaming naming = new SeedNaming(Set.of("GID_AP", "GID-store"), Set.of("esl"));

    @ParameterizedTest
    @ValueSource(strings = {"GID_AP@@@ap-1", "GID-store@@@a_b-9", "GID_AP@@@x"})
    void acceptsClientIdsOfExistingGroups(String id) {
        assertThat(naming.checkClientId(id)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|client ID required",
            "foo|exactly one '@@@'",
            "GID_AP@@@a@@@b|exactly one '@@@'",
            "GID_AP@@@a.b|only letters, digits",
            "GID_AP@@@a b|only letters, digits",
            "XID_AP@@@a|must begin with GID_ or GID-",
            "GID_@@@a|at least one character after its GID_ prefix",
            "GID_AP@@@|device ID after '@@@' is empty",
            "GID_OTHER@@@a|group 'GID_OTHER' does not exist",
    })
    void refusesClientIdsNamingTheBrokenRule(String id, String reason) {
        assertThat(naming.checkClientId(id)).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @org.junit.jupiter.api.Test
    void refusesClientIdLongerThan64Characters() {
        String id64 = "GID_AP@@@" + "d".repeat(55);
        assertThat(id64).hasSize(64);
        assertThat(naming.checkClientId(id64)).isEmpty();
        assertThat(naming.checkClientId(id64 + "d")).hasValueSatisfying(r -> assertThat(r).contains("at most 64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"esl", "esl/store/1/x", "ESL/x", "Esl/a-b_c/", "esl/p2p/GID_AP@@@ap-1"})
    void acceptsTopicsUnderExistingParents(String topic) {
        assertThat(naming.checkTopicName(topic)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "other/x|parent topic 'other' does not exist",
            "/esl|parent topic '' does not exist",
            "esl/a.b|only letters, digits",
            "esl/a b|only letters, digits",
            "esl/+|wildcard",
            "esl/p2p/foo|not a valid client ID",
    })
    void refusesTopicsNamingTheBrokenRule(String topic, String reason) {
        assertThat(naming.checkTopicName(topic)).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @org.junit.jupiter.api.Test
    void limitsTopicsTo64CharactersButNotP2pTargets() {
        String topic64 = "esl/" + "x".repeat(60);
        assertThat(naming.checkTopicName(topic64)).isEmpty();
        assertThat(naming.checkTopicName(topic64 + "x")).hasValueSatisfying(r -> assertThat(r).contains("at most 64"));
        assertThat(naming.checkTopicName("esl/p2p/GID_AP@@@" + "d".repeat(55))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"esl/#", "esl/+/x", "ESL/store/+/ap/+/result"})
    void acceptsWildcardFiltersUnderExistingParents(String filter) {
        assertThat(naming.checkTopicFilter(filter)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+/x", "other/#", "esl/a#", "esl/#/x", "esl/a+"})
    void refusesFiltersWithoutAKnownParentOrWithBadWildcards(String filter) {
        assertThat(naming.checkTopicFilter(filter)).isPresent();
    }
}
