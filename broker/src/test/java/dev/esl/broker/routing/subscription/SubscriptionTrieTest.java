package dev.esl.broker.routing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {
    private final SubscriptionTrie trie = new SubscriptionTrie();

    private static Subscription sub(String client, String filter) {
        return new Subscription(client, null, filter, 1, false, false, 0, 0);
    }

    private List<String> clientsFor(String topic) {
        return trie.match(topic).subscriptions().stream().map(Subscription::clientId).sorted().toList();
    }

    @Test
    void matchesExactSingleLevelAndMultiLevelFilters() {
        trie.add(sub("exact", "esl/store/1/x"));
        trie.add(sub("plus", "esl/+/1/+"));
        trie.add(sub("hash", "esl/#"));
        trie.add(sub("all", "#"));
        trie.add(sub("other", "esl/store/2/x"));

        assertThat(clientsFor("esl/store/1/x")).containsExactly("all", "exact", "hash", "plus");
        assertThat(clientsFor("esl")).containsExactly("all", "hash"); // "esl/#" matches its parent [MQTT-4.7.1-2]
        assertThat(clientsFor("other")).containsExactly("all");
    }

    @Test
    void keepsEmptyLevelsDistinct() {
        trie.add(sub("a", "esl//x"));
        trie.add(sub("b", "esl/+/x"));
        assertThat(clientsFor("esl//x")).containsExactly("a", "b");
        assertThat(clientsFor("esl/y/x")).containsExactly("b");
    }

    @Test
    void excludesDollarTopicsFromLeadingWildcards() {
        trie.add(sub("all", "#"));
        trie.add(sub("plus", "+/x"));
        trie.add(sub("sys", "$SYS/#"));
        assertThat(clientsFor("$SYS/x")).containsExactly("sys");
    }

    @Test
    void replacesAClientsSubscriptionToTheSameFilter() {
        trie.add(sub("a", "esl/x"));
        trie.add(new Subscription("a", null, "esl/x", 2, false, false, 0, 0));
        assertThat(trie.match("esl/x").subscriptions()).singleElement().extracting(Subscription::qos).isEqualTo(2);
    }

    @Test
    void removalPrunesEmptyBranches() {
        trie.add(sub("a", "esl/store/1/x"));
        trie.add(new Subscription("b", "g", "esl/#", 1, false, false, 0, 0));
        assertThat(trie.remove("a", null, "esl/store/1/x")).isTrue();
        assertThat(trie.remove("a", null, "esl/store/1/x")).isFalse();
        assertThat(trie.remove("b", "g", "esl/#")).isTrue();
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void sharedGroupsPickOneMemberRoundRobinPreferringOnlineOnes() {
        trie.add(new Subscription("m1", "g", "esl/#", 1, false, false, 0, 0));
        trie.add(new Subscription("m2", "g", "esl/#", 1, false, false, 0, 0));
        SharedGroup group = trie.match("esl/x").sharedGroups().get(0);

        List<String> picks = java.util.stream.IntStream.range(0, 4).mapToObj(i -> group.pick(id -> true).clientId()).toList();
        assertThat(picks).containsOnly("m1", "m2").contains("m1", "m2");
        assertThat(group.pick(id -> id.equals("m2")).clientId()).isEqualTo("m2");
        assertThat(group.pick(id -> id.equals("m2")).clientId()).isEqualTo("m2");
        assertThat(group.pick(id -> false)).isNotNull(); // nobody online: still queued for one member
    }
}
