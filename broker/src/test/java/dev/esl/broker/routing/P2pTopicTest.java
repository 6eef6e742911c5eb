package dev.esl.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class P2pTopicTest {
    @Test
    void parsesParentAndTarget() {
        assertThat(P2pTopic.parse("esl/p2p/GID_AP@@@ap-1")).contains(new P2pTopic("esl", "GID_AP@@@ap-1"));
    }

    @Test
    void ignoresTopicsThatAreNotExactlyThreeLevelsWithP2pSecond() {
        assertThat(P2pTopic.parse("esl/p2p")).isEmpty();
        assertThat(P2pTopic.parse("esl/p2p/")).isEmpty();
        assertThat(P2pTopic.parse("esl/p2p/a/b")).isEmpty();
        assertThat(P2pTopic.parse("esl/p2px/a")).isEmpty();
        assertThat(P2pTopic.parse("esl/P2P/a")).isEmpty();
        assertThat(P2pTopic.parse("/p2p/a")).isEmpty();
        assertThat(P2pTopic.parse("esl/p2p/+")).isEmpty();
    }
}
