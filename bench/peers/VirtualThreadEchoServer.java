import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The plain-Java peer: blocking sockets, one virtual thread per client, on JDK 25. Same
 * semantics as weft: read at most 1000 bytes, reply prefix + chunk. No build step:
 *
 * <pre>java VirtualThreadEchoServer.java --port PORT [--prefix STR]</pre>
 */
public final class VirtualThreadEchoServer {
    private static final int MAX_CHUNK = 1000;
    private static final int BACKLOG = 4096;

    public static void main(String[] args) throws IOException {
        int port = 25000;
        String prefix = "GOT:";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--prefix" -> prefix = args[i + 1];
                default -> throw new IllegalArgumentException("usage: --port PORT [--prefix STR], not " + args[i]);
            }
        }
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port), BACKLOG);
            System.out.println("Listening on " + server.getLocalSocketAddress());
            while (true) {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client, prefixBytes));
            }
        }
    }

    private static void serve(Socket client, byte[] prefix) {
        // The prefix sits just before where each chunk is read, so a reply is one write.
        byte[] buffer = new byte[prefix.length + MAX_CHUNK];
        System.arraycopy(prefix, 0, buffer, 0, prefix.length);
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            int n;
            while ((n = in.read(buffer, prefix.length, MAX_CHUNK)) > 0) {
                out.write(buffer, 0, prefix.length + n);
            }
        } catch (IOException e) {
            // The client reset the connection: it is gone, nothing to report.
        }
    }
}
