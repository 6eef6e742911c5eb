package dev.esl.broker.it;

import static dev.esl.broker.it.RawPackets.LEVEL_311;
import static dev.esl.broker.it.RawPackets.LEVEL_5;
import static dev.esl.broker.it.RawPackets.concat;
import static dev.esl.broker.it.RawPackets.packet;
import static dev.esl.broker.it.RawPackets.props;
import static dev.esl.broker.it.RawPackets.u16;
import static dev.esl.broker.it.RawPackets.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refusals of docs/broker.md's table that the client libraries will not provoke, sent as raw bytes. */
class RefusalCodesIT {
    @RegisterExtension
    RunningBroker broker = RunningBroker.seed();

    @Test
    void aWillUnderAnUnknownParentTopicIsRefusedAtConnAck() throws IOException {
        try (RawClient v3 = RawClient.open(broker.port(), false)) {
            v3.send(RawPackets.connectWithWill(LEVEL_311, "GID_AP@@@will-3", 60, "nowhere/status", "offline"));
            List<RawClient.Packet> packets = v3.packetsUntilClosed();
            assertThat(packets).singleElement().satisfies(p -> {
                assertThat(p.type()).isEqualTo(RawPackets.CONNACK);
                assertThat(p.connAckCode()).as("3.1.1: not authorized").isEqualTo(0x05);
            });
        }
        try (RawClient v5 = RawClient.open(broker.port(), true)) {
            v5.send(RawPackets.connectWithWill(LEVEL_5, "GID_AP@@@will-5", 60, "nowhere/status", "offline"));
            RawClient.Packet connAck = v5.expect(RawPackets.CONNACK);
            assertThat(connAck.connAckCode()).as("5.0: Topic Name invalid").isEqualTo(0x90);
            assertThat(connAck.reasonString()).startsWith("will topic refused").contains("nowhere");
        }
    }

    @Test
    void receiveMaximumOrMaximumPacketSizeOfZeroIsAProtocolError() throws IOException {
        for (RawPackets.Props zero : List.of(props().u16(RawPackets.RECEIVE_MAXIMUM, 0), props().u32(0x27, 0))) {
            try (RawClient v5 = RawClient.open(broker.port(), true)) {
                v5.send(RawPackets.connect(LEVEL_5, "GID_AP@@@zero", 60, zero));
                RawClient.Packet connAck = v5.expect(RawPackets.CONNACK);
                assertThat(connAck.connAckCode()).isEqualTo(0x82);
                assertThat(connAck.reasonString()).contains("must not be 0");
            }
        }
    }

    @Test
    void aPubRelForAnUnknownPacketIdGetsPubCompPacketIdentifierNotFound() throws IOException {
        try (RawClient v5 = RawClient.connected(broker.port(), LEVEL_5, "GID_AP@@@pubrel")) {
            v5.send(RawPackets.ack(RawPackets.PUBREL, 4242));
            RawClient.Packet pubComp = v5.expect(RawPackets.PUBCOMP);
            assertThat(pubComp.packetId()).isEqualTo(4242);
            assertThat(pubComp.reasonCode()).isEqualTo(0x92);
            assertThat(pubComp.reasonString()).contains("4242");
        }
    }

    @Test
    void mqtt31IsRefusedAsAnUnacceptableProtocolVersion() throws IOException {
        try (RawClient v31 = RawClient.open(broker.port(), false)) {
            v31.send(packet(0x10, concat(utf8("MQIsdp"), new byte[] {3, 0x02}, u16(60), utf8("GID_AP@@@old"))));
            List<RawClient.Packet> packets = v31.packetsUntilClosed();
            assertThat(packets).singleElement().satisfies(p -> {
                assertThat(p.type()).isEqualTo(RawPackets.CONNACK);
                assertThat(p.connAckCode()).as("unacceptable protocol version").isEqualTo(0x01);
            });
        }
    }
}
