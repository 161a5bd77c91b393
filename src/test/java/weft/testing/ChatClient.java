package weft.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking loopback chat client whose every read is bounded in time. Lines are read and
 * written as ISO-8859-1 text, one char per byte, so any byte value survives the trip.
 */
public final class ChatClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private ChatClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static ChatClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** With a receive buffer of {@code receiveBuffer} bytes (0: the system's), set before connecting. */
    public static ChatClient connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return new ChatClient(socket);
    }

    /** {@code 127.0.0.1:PORT}: this client's name in the chat. */
    public String name() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Sends {@code text}, one byte per char, as it is: add the {@code \n} yourself. */
    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next line without its {@code \n}; null at end of stream (or a reset after the last line). */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketException reset) {
                b = -1;
            }
            if (b < 0) {
                if (line.size() > 0) {
                    throw new IOException("stream ended in a partial line: " + line.toString(StandardCharsets.ISO_8859_1));
                }
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /** Reads lines until {@code expected} comes, and returns those before it; fails at end of stream. */
    public java.util.List<String> readUntil(String expected) throws IOException {
        java.util.List<String> before = new java.util.ArrayList<>();
        String line;
        while (!expected.equals(line = readLine())) {
            if (line == null) {
                throw new IOException("stream ended before '" + expected + "'; got " + before.size() + " lines before");
            }
            before.add(line);
        }
        return before;
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
