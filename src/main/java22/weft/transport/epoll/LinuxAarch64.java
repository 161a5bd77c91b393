package weft.transport.epoll;

/**
 * Linux on aarch64 (arm64). From glibc's {@code sysdeps/unix/sysv/linux/sys/epoll.h} (where
 * {@code __EPOLL_PACKED} is empty except on x86_64, so struct epoll_event has its natural
 * alignment: 16 bytes, data at 8) and the kernel's generic headers, which arm64 uses for
 * sockets, fcntl flags and errno ({@code include/uapi/asm-generic/socket.h}, {@code fcntl.h},
 * {@code errno-base.h}, {@code errno.h}): every other number is the same as on x86_64.
 * Not run here: there is no arm64 machine to run it on.
 */
final class LinuxAarch64 extends Abi {
    LinuxAarch64() {
        // <sys/epoll.h>: not packed on aarch64: 16 bytes, data at 8
        epollEventSize = 16;
        epollEventDataOffset = 8;
        // <netinet/in.h>
        sockaddrIn6Size = 28;
        sockaddrIn6PortOffset = 2;
        sockaddrIn6AddrOffset = 8;
        sockaddrIn6ScopeOffset = 24;
        sockaddrInSize = 16;
        sockaddrInPortOffset = 2;
        sockaddrInAddrOffset = 4;

        // asm-generic/fcntl.h: O_NONBLOCK 00004000, O_CLOEXEC 02000000
        afInet = 2;
        afInet6 = 10;
        sockStream = 1;
        sockNonblock = 0x800;
        sockCloexec = 0x80000;
        // asm-generic/socket.h, netinet/in.h, netinet/tcp.h, bits/socket.h, sys/socket.h
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

        // sys/epoll.h, sys/eventfd.h (EFD_* = O_NONBLOCK, O_CLOEXEC)
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

        // asm-generic/errno-base.h, asm-generic/errno.h
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
