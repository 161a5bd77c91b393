package dev.weft.bench;

import java.util.concurrent.Callable;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code netty-chat}: the Netty peer of {@code weft chat}, serving like weft does: one native
 * epoll thread for everything, TCP_NODELAY, reads of at most 2048 bytes (weft chat's), lines of
 * at most 4096 bytes; see {@link NettyChatHandler}.
 */
@Command(name = "netty-chat", mixinStandardHelpOptions = true,
        description = "Netty chat server (weft chat's protocol) on one native-epoll event loop; SIGTERM stops it.")
final class NettyChatCommand implements Callable<Integer> {
    private static final int READ_SIZE = 2048;
    private static final int MAX_LINE = 4096;

    @Option(names = "--port", defaultValue = "25001", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--backlog", defaultValue = "4096", description = "Default: ${DEFAULT-VALUE}, as weft's.")
    int backlog;

    @Option(names = "--batched", description = "ChannelGroup.write per line, one flush per read, instead of writeAndFlush per line.")
    boolean batched;

    @Override
    public Integer call() throws InterruptedException {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("native epoll is not available", Epoll.unavailabilityCause());
        }
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ChannelGroup room = new DefaultChannelGroup(loop.next());
        try {
            Channel server = NettyCommand.bind(loop, port, backlog, READ_SIZE, pipeline -> pipeline.addLast(
                    new LineBasedFrameDecoder(MAX_LINE, true, true), new NettyChatHandler(room, batched)));
            System.out.println("Listening on " + server.localAddress());
            Signal.handle(new Signal("TERM"), signal -> server.close());
            Signal.handle(new Signal("INT"), signal -> server.close());
            server.closeFuture().sync();
            room.close().awaitUninterruptibly();
        } finally {
            loop.shutdownGracefully().sync();
        }
        return 0;
    }
}
