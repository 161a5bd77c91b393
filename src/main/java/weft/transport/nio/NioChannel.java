package weft.transport.nio;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

import weft.transport.Channel;

/** A java.nio channel and what {@link NioPoller} keeps for it: its key and the interest set on it. */
class NioChannel implements Channel {
    final SelectableChannel channel;
    SelectionKey key;   // NioPoller: registered on the first wait
    int interest;       // NioPoller: ops registered, to skip changes that change nothing

    NioChannel(SelectableChannel channel) {
        this.channel = channel;
    }

    @Override
    public final boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public final void close() throws IOException {
        channel.close();
    }
}
