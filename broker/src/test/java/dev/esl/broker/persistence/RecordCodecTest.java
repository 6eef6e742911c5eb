package dev.esl.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.PublishProperties;
import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.session.Delivery;
import dev.esl.broker.session.Inflight;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    private static final PublishProperties PROPS = new PublishProperties(1, "application/json", "esl/reply",
            new byte[] {1, 2, 3}, List.of(new PublishProperties.UserProperty("trace", "t-1"),
            new PublishProperties.UserProperty("trace", "t-2")));

    @Test
    void roundTripsADeliveryWithEveryProperty() {
        Message m = new Message("esl/p2p/GID_AP@@@ap-1", new byte[] {9, 8}, 2, true, PROPS, "GID_TAGMGR@@@n1", 123L);
        Delivery d = new Delivery(m, 1, true, List.of(4, 5), true);

        Delivery back = RecordCodec.decodeDelivery(RecordCodec.encode(d));

        assertThat(back.qos()).isEqualTo(1);
        assertThat(back.retain()).isTrue();
        assertThat(back.keptForP2p()).isTrue();
        assertThat(back.subscriptionIds()).containsExactly(4, 5);
        Message mb = back.message();
        assertThat(mb.topic()).isEqualTo(m.topic());
        assertThat(mb.payload()).containsExactly(9, 8);
        assertThat(mb.qos()).isEqualTo(2);
        assertThat(mb.publisherClientId()).isEqualTo("GID_TAGMGR@@@n1");
        assertThat(mb.expiresAtMillis()).isEqualTo(123L);
        assertThat(mb.properties().payloadFormatIndicator()).isEqualTo(1);
        assertThat(mb.properties().contentType()).isEqualTo("application/json");
        assertThat(mb.properties().responseTopic()).isEqualTo("esl/reply");
        assertThat(mb.properties().correlationData()).containsExactly(1, 2, 3);
        assertThat(mb.properties().userProperties()).isEqualTo(PROPS.userProperties());
    }

    @Test
    void roundTripsAMessageWithoutProperties() {
        Message m = new Message("esl/x", new byte[0], 0, false, null, null, 0);
        Message back = RecordCodec.decodeMessage(RecordCodec.encode(m));
        assertThat(back.properties()).isEqualTo(PublishProperties.NONE);
        assertThat(back.publisherClientId()).isNull();
        assertThat(back.payload()).isEmpty();
    }

    @Test
    void roundTripsInflightAndSubscriptions() {
        Delivery d = new Delivery(new Message("esl/x", new byte[] {1}, 1, false, null, "p", 0), 1, false, List.of(), false);
        Inflight i = RecordCodec.decodeInflight(RecordCodec.encode(new Inflight(65_535, 77, d, true)));
        assertThat(i.packetId()).isEqualTo(65_535);
        assertThat(i.sequence()).isEqualTo(77);
        assertThat(i.released()).isTrue();

        Subscription s = new Subscription("GID_AP@@@a", "g", "esl/+/x", 2, true, true, 2, 42);
        assertThat(RecordCodec.decodeSubscription(RecordCodec.encode(s))).isEqualTo(s);
        Subscription plain = new Subscription("c", null, "#", 0, false, false, 0, 0);
        assertThat(RecordCodec.decodeSubscription(RecordCodec.encode(plain))).isEqualTo(plain);
    }

    @Test
    void refusesUnknownFormatsAndTruncatedRecords() {
        byte[] bytes = RecordCodec.encode(new Message("esl/x", new byte[] {1}, 0, false, null, null, 0));
        byte[] future = bytes.clone();
        future[0] = 99;
        assertThatThrownBy(() -> RecordCodec.decodeMessage(future)).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("format version 99");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> RecordCodec.decodeMessage(truncated)).isInstanceOf(CorruptStoreException.class);
    }
}
