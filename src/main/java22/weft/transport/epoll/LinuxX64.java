package weft.transport.epoll;

/**
 * Linux on x86_64. Read from glibc 2.36's and Linux 6.1's headers (Debian 12), and checked
 * by compiling a program that prints each with sizeof/offsetof (gcc 12.2, Debian 12):
 * {@code <sys/epoll.h>}, {@code <bits/socket.h>}, {@code <asm-generic/socket.h>},
 * {@code <netinet/in.h>}, {@code <netinet/tcp.h>}, {@code <sys/eventfd.h>},
 * {@code <asm-generic/errno-base.h>}, {@code <asm-generic/errno.h>}.
 */
final class LinuxX64 extends Abi {
    LinuxX64() {
        // <sys/epoll.h>: struct epoll_event is __EPOLL_PACKED on x86_64 only: 12 bytes, data at 4
        epollEventSize = 12;
        epollEventDataOffset = 4;
        // <netinet/in.h>
        sockaddrIn6Size = 28;
        sockaddrIn6PortOffset = 2;
        sockaddrIn6AddrOffset = 8;
        sockaddrIn6ScopeOffset = 24;
        sockaddrInSize = 16;
        sockaddrInPortOffset = 2;
        sockaddrInAddrOffset = 4;

        // <bits/socket.h>, <bits/socket_type.h>: SOCK_NONBLOCK = O_NONBLOCK, SOCK_CLOEXEC = O_CLOEXEC
        afInet = 2;
        afInet6 = 10;
        sockStream = 1;
        sockNonblock = 0x800;
        sockCloexec = 0x80000;
        // <asm-generic/socket.h>, <netinet/in.h>, <netinet/tcp.h>, <bits/socket.h>, <sys/socket.h>
        solSocket = 1;
        soReuseaddr = 2;
        soError = 4;
        ipprotoTcp = 6;
        tcpNodelay = 1;
        ipprotoIpv6 = 41;
        ipv6V6only = 26;
        msgNosignal = 0x4000;
        shutWr = 1;
        shutRdwr = 2;

        // <sys/epoll.h>, <sys/eventfd.h>
        epollIn = 0x001;
        epollOut = 0x004;
        epollErr = 0x008;
        epollHup = 0x010;
        epollRdhup = 0x2000;
        epollEt = 1 << 31;
        epollCtlAdd = 1;
        epollCtlDel = 2;
        epollCtlMod = 3;
        epollCloexec = 0x80000;
        efdNonblock = 0x800;
        efdCloexec = 0x80000;

        // <asm-generic/errno-base.h>, <asm-generic/errno.h>
        eintr = 4;
        eagain = 11;
        eacces = 13;
        enfile = 23;
        emfile = 24;
        epipe = 32;
        eproto = 71;
        eafnosupport = 97;
        eaddrinuse = 98;
        eaddrnotavail = 99;
        econnaborted = 103;
        econnreset = 104;
        enotconn = 107;
        etimedout = 110;
        econnrefused = 111;
        ehostunreach = 113;
        einprogress = 115;
    }
}
