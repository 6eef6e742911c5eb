package dev.esl.broker.transport;

import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.protocol.PacketDispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The TCP listener: Netty with epoll where the platform has it, NIO elsewhere. */
public final class MqttServer {
    private static final Logger log = LoggerFactory.getLogger(MqttServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> channelType;
    private Channel listener;

    public MqttServer() {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        boss = new MultiThreadIoEventLoopGroup(1, factory);
        // One event loop per core, not Netty's two: they only decode and encode, and the session lanes run beside them.
        workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), factory);
        channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        log.debug("Transport: {}", epoll ? "epoll" : "nio");
    }

    /** Binds and returns the bound port (useful with port 0). */
    public int bind(BrokerConfig config, PacketDispatcher dispatcher, Clock clock) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Above the high mark a client counts as not reading: sessions stop writing to it.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeBufferHighWaterMark() / 2, config.writeBufferHighWaterMark()))
                .childHandler(new MqttChannelInitializer(config, dispatcher, clock))
                .bind(config.host(), config.port())
                .sync()
                .channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting connections; the open ones keep running until {@link #closeConnections()}. */
    public void stopListening() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
    }

    public void closeConnections() {
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    public void close() {
        stopListening();
        closeConnections();
    }
}
