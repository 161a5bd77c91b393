package weft.transport.epoll;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;

/**
 * What java.nio throws for each failing call, so a failure reads the same on either transport:
 * the same exception class, and the C library's {@code strerror} text as its message, as the
 * JDK's native code gives it. Checked call by call against java.nio on JDK 17 and 25 by
 * {@code TransportContractTest}.
 *
 * <ul>
 *   <li>socket, bind, listen, connect, finishConnect, socket options: the JDK's
 *       {@code handleSocketError} (Net.c): ECONNREFUSED, ETIMEDOUT, ENOTCONN are
 *       ConnectException; EHOSTUNREACH NoRouteToHostException; EADDRINUSE, EADDRNOTAVAIL,
 *       EACCES BindException; EPROTO ProtocolException; anything else SocketException;</li>
 *   <li>accept, write, and read but for a reset: IOException (JNU_ThrowIOExceptionWithLastError),
 *       "Too many open files", "Broken pipe", "Connection reset by peer";</li>
 *   <li>a read on a reset connection: SocketException "Connection reset", then and after
 *       (SocketChannelImpl's {@code connectionReset}).</li>
 * </ul>
 */
final class NioErrors {
    private static final Abi ABI = Abi.CURRENT;

    private NioErrors() {}

    static IOException socketError(int errno) {
        String message = Libc.strerror(errno);
        if (errno == ABI.econnrefused || errno == ABI.etimedout || errno == ABI.enotconn) {
            return new ConnectException(message);
        } else if (errno == ABI.ehostunreach) {
            return new NoRouteToHostException(message);
        } else if (errno == ABI.eaddrinuse || errno == ABI.eaddrnotavail || errno == ABI.eacces) {
            return new BindException(message);
        } else if (errno == ABI.eproto) {
            return new ProtocolException(message);
        }
        return new SocketException(message);
    }

    static IOException ioError(int errno) {
        return new IOException(Libc.strerror(errno));
    }

    static SocketException connectionReset() {
        return new SocketException("Connection reset");
    }
}
