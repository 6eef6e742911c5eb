package dev.esl.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole MQTT 3.1.1 client of an idle connection, a few bytes by hand instead of a client library so one
 * JVM can hold 50,000 of them: CONNECT (clean session) when the socket is up, CONNACK completes
 * {@link #connected()}, then only PINGREQ at three quarters of the keep-alive; whatever the broker sends is
 * dropped.
 */
final class IdleClientHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] PINGREQ = {(byte) 0xC0, 0x00};

    private final byte[] connect;
    private final int keepAliveSeconds;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final byte[] connack = new byte[4];
    private int connackRead;
    private ScheduledFuture<?> pings;

    IdleClientHandler(String clientId, int keepAliveSeconds) {
        this.connect = connectPacket(clientId, keepAliveSeconds);
        this.keepAliveSeconds = keepAliveSeconds;
    }

    /** Completes on CONNACK 0x00; fails on a refusal, an error or a close before it. */
    CompletableFuture<Void> connected() {
        return connected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(connect));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (connackRead < connack.length && in.isReadable()) {
                connack[connackRead++] = in.readByte();
            }
            if (connackRead == connack.length && !connected.isDone()) {
                onConnack(ctx);
            }
        } finally {
            ReferenceCountUtil.release(in);
        }
    }

    private void onConnack(ChannelHandlerContext ctx) {
        if (connack[0] != 0x20 || connack[1] != 0x02 || connack[3] != 0x00) {
            connected.completeExceptionally(new IllegalStateException(String.format(
                    "expected CONNACK 0x00, got %02x %02x %02x %02x", connack[0], connack[1], connack[2],
                    connack[3])));
            ctx.close();
            return;
        }
        long every = Math.max(1, keepAliveSeconds * 3L / 4);
        pings = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(Unpooled.wrappedBuffer(PINGREQ)),
                every, every, TimeUnit.SECONDS);
        connected.complete(null);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pings != null) {
            pings.cancel(false);
        }
        connected.completeExceptionally(new IllegalStateException("closed by the broker before CONNACK"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.completeExceptionally(cause);
        ctx.close();
    }

    /** MQTT 3.1.1 CONNECT [MQTT-3.1]: protocol name, level 4, clean session, keep-alive, client ID. */
    static byte[] connectPacket(String clientId, int keepAliveSeconds) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 10 + 2 + id.length;
        if (remaining > 127) {
            throw new IllegalArgumentException("client ID too long for a one-byte remaining length: " + clientId);
        }
        ByteBuf b = Unpooled.buffer(2 + remaining);
        b.writeByte(0x10).writeByte(remaining);
        b.writeShort(4).writeBytes("MQTT".getBytes(StandardCharsets.US_ASCII)).writeByte(4).writeByte(0x02)
                .writeShort(keepAliveSeconds);
        b.writeShort(id.length).writeBytes(id);
        return b.array();
    }
}
