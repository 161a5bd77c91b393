package dev.weft.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatcher;
import io.netty.handler.codec.TooLongFrameException;

/**
 * weft chat's protocol on Netty, for the fan-out benchmark: behind a {@code LineBasedFrameDecoder}
 * (which cuts at {@code \n} and strips {@code \n} or {@code \r\n}), each non-empty line goes to
 * every other channel of the {@link ChannelGroup} as {@code NAME: LINE\n}, with
 * {@code ChannelGroup.writeAndFlush}; {@code * NAME joined} and {@code * NAME left} likewise. A
 * receiver with {@value #MAX_UNDELIVERED} writes pending is closed instead of being written to
 * (weft's limit on undelivered lines), checked in the group's matcher. With {@code batched},
 * lines are written with {@code ChannelGroup.write} and flushed once per read
 * ({@code channelReadComplete}): Netty's own way of batching, for comparison.
 */
final class NettyChatHandler extends ChannelInboundHandlerAdapter {
    static final int MAX_UNDELIVERED = 1024;

    private final ChannelGroup room;
    private final boolean batched;
    private byte[] prefix;
    private String name;
    private ChannelMatcher others;

    NettyChatHandler(ChannelGroup room, boolean batched) {
        this.room = room;
        this.batched = batched;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        Channel self = context.channel();
        InetSocketAddress remote = (InetSocketAddress) self.remoteAddress();
        name = remote.getAddress().getHostAddress() + ":" + remote.getPort();
        prefix = (name + ": ").getBytes(StandardCharsets.UTF_8);
        others = channel -> channel != self && accepts(channel);
        room.writeAndFlush(notice(context, "joined"), others);
        room.add(self);
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf line = (ByteBuf) message;
        try {
            if (!line.isReadable()) {
                return;
            }
            ByteBuf out = context.alloc().buffer(prefix.length + line.readableBytes() + 1);
            out.writeBytes(prefix).writeBytes(line).writeByte('\n');
            if (batched) {
                room.write(out, others);
            } else {
                room.writeAndFlush(out, others);
            }
        } finally {
            line.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (batched) {
            room.flush(others);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        room.remove(context.channel());
        room.writeAndFlush(notice(context, "left"), others);
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            context.writeAndFlush(context.alloc().buffer().writeBytes("* line too long\n".getBytes(StandardCharsets.US_ASCII)))
                    .addListener(done -> context.close());
        } else {
            context.close(); // a reset: the client is gone
        }
    }

    private ByteBuf notice(ChannelHandlerContext context, String what) {
        return context.alloc().buffer().writeBytes(("* " + name + " " + what + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** False, closing it, for a receiver that has {@value #MAX_UNDELIVERED} writes pending already. */
    private static boolean accepts(Channel channel) {
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending != null && pending.size() >= MAX_UNDELIVERED) {
            channel.close();
            return false;
        }
        return true;
    }
}
