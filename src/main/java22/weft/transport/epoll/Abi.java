package weft.transport.epoll;

import java.util.Locale;

/**
 * The numbers the epoll transport passes to and reads from Linux: struct layouts, flags, socket
 * options and errno values. They are the C headers' and differ by architecture, so each
 * architecture has one small file that sets them all and says where each comes from
 * ({@link LinuxX64}, {@link LinuxAarch64}); nothing else in the transport writes a number.
 * {@link #CURRENT} is this machine's.
 */
abstract class Abi {
    static final Abi CURRENT = forArch(System.getProperty("os.arch", "").toLowerCase(Locale.ROOT));

    // struct epoll_event { uint32_t events; epoll_data_t data; }
    long epollEventSize;
    long epollEventDataOffset;
    // struct sockaddr_in6: family, port (network order), flowinfo, addr[16], scope_id
    long sockaddrIn6Size;
    long sockaddrIn6PortOffset;
    long sockaddrIn6AddrOffset;
    long sockaddrIn6ScopeOffset;
    // struct sockaddr_in: family, port (network order), addr[4], zero[8]
    long sockaddrInSize;
    long sockaddrInPortOffset;
    long sockaddrInAddrOffset;

    int afInet;
    int afInet6;
    int sockStream;
    int sockNonblock;
    int sockCloexec;
    int solSocket;
    int soReuseaddr;
    int soError;
    int ipprotoTcp;
    int tcpNodelay;
    int ipprotoIpv6;
    int ipv6V6only;
    int msgNosignal;
    int shutWr;
    int shutRdwr;

    int epollIn;
    int epollOut;
    int epollErr;
    int epollHup;
    int epollRdhup;
    int epollEt;
    int epollCtlAdd;
    int epollCtlDel;
    int epollCtlMod;
    int epollCloexec;
    int efdNonblock;
    int efdCloexec;

    int eintr;
    int eagain;
    int eacces;
    int emfile;
    int enfile;
    int epipe;
    int eproto;
    int eafnosupport;
    int eaddrinuse;
    int eaddrnotavail;
    int econnaborted;
    int econnreset;
    int enotconn;
    int etimedout;
    int econnrefused;
    int ehostunreach;
    int einprogress;

    static Abi forArch(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> new LinuxX64();
            case "aarch64" -> new LinuxAarch64();
            default -> throw new UnsupportedOperationException("no epoll ABI for " + arch);
        };
    }
}
