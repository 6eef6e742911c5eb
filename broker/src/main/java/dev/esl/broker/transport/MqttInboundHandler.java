package dev.esl.broker.transport;

import dev.esl.broker.protocol.MqttConnection;
import dev.esl.broker.protocol.PacketDispatcher;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tail of the pipeline: hands packets to the dispatcher, and turns idleness and errors into closes. */
final class MqttInboundHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MqttInboundHandler.class);

    private final PacketDispatcher dispatcher;
    private final Clock clock;
    private final int slowClientTimeoutSeconds;
    private MqttConnection connection;
    private ScheduledFuture<?> slowTimer;

    MqttInboundHandler(PacketDispatcher dispatcher, Clock clock, int slowClientTimeoutSeconds) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.slowClientTimeoutSeconds = slowClientTimeoutSeconds;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new MqttConnection(ctx.channel(), clock, seconds -> enforceKeepAlive(ctx, seconds));
        ctx.channel().attr(MqttConnection.KEY).set(connection);
        ctx.fireChannelActive();
    }

    /** Keep-alive: the client is gone after 1.5 times its keep-alive without a packet [MQTT-3.1.2-22]. */
    private static void enforceKeepAlive(ChannelHandlerContext ctx, int seconds) {
        IdleStateHandler timeout = seconds == 0 ? null : new IdleStateHandler(seconds * 1500L, 0, 0, TimeUnit.MILLISECONDS);
        ctx.channel().eventLoop().execute(() -> {
            if (ctx.pipeline().get(HandlerNames.IDLE) == null) {
                return;
            }
            if (timeout == null) {
                ctx.pipeline().remove(HandlerNames.IDLE);
            } else {
                ctx.pipeline().replace(HandlerNames.IDLE, HandlerNames.IDLE, timeout);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            dispatcher.dispatch(connection, (MqttMessage) msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (connection.connectReceived()) {
                log.info("Closing {} at {}: keep-alive timeout", connection.clientId(), connection.remoteAddress());
                connection.disconnect(MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT, "no packet within 1.5 times the keep-alive");
            } else {
                log.info("Closing {}: no CONNECT within the connect timeout", connection.remoteAddress());
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            if (slowTimer != null) {
                slowTimer.cancel(false);
                slowTimer = null;
            }
            dispatcher.writable(connection);
        } else if (slowTimer == null) {
            slowTimer = ctx.executor().schedule(() -> {
                slowTimer = null;
                if (!ctx.channel().isWritable()) {
                    dispatcher.tooSlow(connection);
                }
            }, slowClientTimeoutSeconds, TimeUnit.SECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dispatcher.closed(connection);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Connection of {} at {} failed: {}", connection.clientId(), connection.remoteAddress(), cause.getMessage());
        } else {
            log.warn("Closing {} at {} after an unexpected error", connection.clientId(), connection.remoteAddress(), cause);
        }
        ctx.close();
    }
}
