package dev.esl.broker.transport;

import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.protocol.PacketDispatcher;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The whole MQTT pipeline of a TCP connection, in one place. */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Client IDs longer than this cannot be valid in any mode; the decoder rejects them early. */
    private static final int MAX_CLIENT_ID_BYTES = 65_535;

    private final BrokerConfig config;
    private final PacketDispatcher dispatcher;
    private final Clock clock;

    MqttChannelInitializer(BrokerConfig config, PacketDispatcher dispatcher, Clock clock) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        // Until CONNECT: a connection that says nothing is closed after the connect timeout.
        p.addLast(HandlerNames.IDLE, new IdleStateHandler(config.connectTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        p.addLast(HandlerNames.DECODER, new MqttDecoder(config.maxPacketSize(), MAX_CLIENT_ID_BYTES));
        p.addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
        p.addLast(HandlerNames.MQTT, new MqttInboundHandler(dispatcher, clock, config.slowClientTimeoutSeconds()));
    }
}
