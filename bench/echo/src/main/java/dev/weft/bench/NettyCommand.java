package dev.weft.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code netty}: the Netty peer, serving like weft does: one thread accepts and serves every
 * client (native epoll), reads at most 1000 bytes at once, replies prefix + chunk for each read.
 */
@Command(name = "netty", mixinStandardHelpOptions = true,
        description = "Netty echo server on one native-epoll event loop; SIGTERM or SIGINT stops it with exit 0.")
final class NettyCommand implements Callable<Integer> {
    /** The seed's recv(1000), as weft reads. */
    private static final int MAX_CHUNK = 1000;

    @Option(names = "--port", defaultValue = "25000", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--prefix", defaultValue = "GOT:", description = "May be empty (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--backlog", defaultValue = "4096", description = "Default: ${DEFAULT-VALUE}, as weft's.")
    int backlog;

    /**
     * Listens on {@code port} the way every Netty peer here serves: the one event loop accepts
     * and serves, TCP_NODELAY, reads of at most {@code readSize} bytes; {@code handlers} fills
     * each connection's pipeline.
     */
    static Channel bind(EventLoopGroup loop, int port, int backlog, int readSize, Consumer<ChannelPipeline> handlers)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(loop)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, backlog)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(readSize))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        handlers.accept(channel.pipeline());
                    }
                })
                .bind(port).sync().channel();
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("native epoll is not available", Epoll.unavailabilityCause());
        }
        NettyEchoHandler handler = new NettyEchoHandler(prefix.getBytes(StandardCharsets.UTF_8));
        // One thread for accepting and serving, as weft's single scheduler thread.
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel server = bind(loop, port, backlog, MAX_CHUNK, pipeline -> pipeline.addLast(handler));
            System.out.println("Listening on " + server.localAddress());
            // The JVM's own SIGTERM handling exits 143; closing the server channel lets main return 0.
            Signal.handle(new Signal("TERM"), signal -> server.close());
            Signal.handle(new Signal("INT"), signal -> server.close());
            server.closeFuture().sync();
        } finally {
            loop.shutdownGracefully().sync();
        }
        return 0;
    }
}
