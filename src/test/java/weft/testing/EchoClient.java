package weft.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/** A blocking loopback client whose every read is bounded in time. */
public final class EchoClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private EchoClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static EchoClient connect(int port) throws IOException {
        return connect(new InetSocketAddress("127.0.0.1", port));
    }

    public static EchoClient connect(SocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, READ_TIMEOUT_MILLIS);
        return new EchoClient(socket);
    }

    public Socket socket() {
        return socket;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void send(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] readExactly(int length) throws IOException {
        byte[] data = in.readNBytes(length);
        if (data.length < length) {
            throw new EOFException("got " + data.length + " of " + length + " bytes");
        }
        return data;
    }

    public String readString(int length) throws IOException {
        return new String(readExactly(length), StandardCharsets.UTF_8);
    }

    /** Sends {@code text} and returns the reply, expected to be {@code prefix + text}. */
    public String roundTrip(String prefix, String text) throws IOException {
        send(text);
        return readString(prefix.length() + text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Reads until the server closes; fails if that takes longer than the read timeout. */
    public byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    /** -1 once the server has closed its side. */
    public int read() throws IOException {
        return in.read();
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes with SO_LINGER 0: the server sees a reset (RST), not an orderly close. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
