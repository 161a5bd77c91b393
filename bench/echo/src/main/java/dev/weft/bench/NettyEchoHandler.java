package dev.weft.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Replies prefix + chunk for every read, written as one buffer; the replies of one wake-up are
 * flushed together in channelReadComplete, which measured a little cheaper than writeAndFlush
 * per read (bench/results/netty-flush-2026-11-29.md). Like weft, it stops reading from a client
 * whose replies pile up, and resumes once they have gone out.
 */
@Sharable
final class NettyEchoHandler extends ChannelInboundHandlerAdapter {
    private final byte[] prefix;

    NettyEchoHandler(byte[] prefix) {
        this.prefix = prefix;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf chunk = (ByteBuf) message;
        ByteBuf reply = context.alloc().ioBuffer(prefix.length + chunk.readableBytes());
        reply.writeBytes(prefix).writeBytes(chunk);
        chunk.release();
        context.write(reply, context.voidPromise());
        if (!context.channel().isWritable()) {
            context.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        context.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            context.channel().config().setAutoRead(true);
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close(); // a client that resets is gone: nothing to report
    }
}
