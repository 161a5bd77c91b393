package weft.transport.epoll;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.channels.UnresolvedAddressException;

/**
 * Socket addresses to and from C's {@code sockaddr_in6} / {@code sockaddr_in}, the way java.nio
 * does it: with IPv6 available every socket is AF_INET6, an IPv4 address travels IPv4-mapped
 * ({@code ::ffff:127.0.0.1}) and comes back as an Inet4Address, and the IPv4 wildcard is the
 * IPv6 one, so a server started on {@code 0.0.0.0} listens on both stacks and reports
 * {@code ('::', 25000, 0, 0)}.
 */
final class SocketAddresses {
    private static final Abi ABI = Abi.CURRENT;
    private static final java.lang.foreign.ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final java.lang.foreign.ValueLayout.OfInt JAVA_INT_BIG = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);

    private SocketAddresses() {}

    /** Writes {@code address} into {@code into} for a socket of {@code family}; returns its length. */
    static int write(InetSocketAddress address, int family, MemorySegment into) throws SocketException {
        if (address.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        InetAddress ip = address.getAddress();
        into.fill((byte) 0);
        into.set(JAVA_SHORT, 0, (short) family);
        if (family == ABI.afInet6) {
            into.set(PORT, ABI.sockaddrIn6PortOffset, (short) address.getPort());
            byte[] bytes = new byte[16];
            if (ip instanceof Inet4Address v4) {
                if (!v4.isAnyLocalAddress()) {
                    bytes[10] = (byte) 0xff;
                    bytes[11] = (byte) 0xff;
                    System.arraycopy(v4.getAddress(), 0, bytes, 12, 4);
                }
            } else {
                bytes = ip.getAddress();
                into.set(JAVA_INT, ABI.sockaddrIn6ScopeOffset, ((Inet6Address) ip).getScopeId());
            }
            MemorySegment.copy(bytes, 0, into, JAVA_BYTE, ABI.sockaddrIn6AddrOffset, 16);
            return (int) ABI.sockaddrIn6Size;
        }
        byte[] v4 = ip instanceof Inet4Address ? ip.getAddress() : mappedIpv4((Inet6Address) ip);
        into.set(PORT, ABI.sockaddrInPortOffset, (short) address.getPort());
        MemorySegment.copy(v4, 0, into, JAVA_BYTE, ABI.sockaddrInAddrOffset, 4);
        return (int) ABI.sockaddrInSize;
    }

    /** Reads the address a call wrote into {@code from}. */
    static InetSocketAddress read(MemorySegment from) {
        long ipv4 = packedIpv4(from);
        if (ipv4 >= 0) {
            return unpack(ipv4);
        }
        int port = Short.toUnsignedInt(from.get(PORT, ABI.sockaddrIn6PortOffset));
        byte[] bytes = from.asSlice(ABI.sockaddrIn6AddrOffset, 16).toArray(JAVA_BYTE);
        int scope = from.get(JAVA_INT, ABI.sockaddrIn6ScopeOffset);
        try {
            InetAddress ip = scope != 0 ? Inet6Address.getByAddress(null, bytes, scope) : InetAddress.getByAddress(bytes);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException impossible) { // only for a byte array of the wrong length
            throw new AssertionError(impossible);
        }
    }

    /**
     * An IPv4 address (plain or IPv4-mapped) and port from {@code from}, packed into a long
     * ({@code address << 16 | port}), or -1 for any other address. An accepted connection keeps
     * its peer this way: 8 bytes, where an InetSocketAddress and what it holds take 96, for an
     * address most servers never ask for ({@link #unpack} makes it when one does).
     */
    static long packedIpv4(MemorySegment from) {
        int family = from.get(JAVA_SHORT, 0);
        if (family == ABI.afInet) {
            return pack(from.get(JAVA_INT_BIG, ABI.sockaddrInAddrOffset), from.get(PORT, ABI.sockaddrInPortOffset));
        }
        if (family != ABI.afInet6 || from.get(JAVA_LONG_UNALIGNED, ABI.sockaddrIn6AddrOffset) != 0
                || from.get(JAVA_INT_BIG, ABI.sockaddrIn6AddrOffset + 8) != 0xffff) {
            return -1;
        }
        return pack(from.get(JAVA_INT_BIG, ABI.sockaddrIn6AddrOffset + 12), from.get(PORT, ABI.sockaddrIn6PortOffset));
    }

    private static long pack(int address, short port) {
        return (Integer.toUnsignedLong(address) << 16) | Short.toUnsignedInt(port);
    }

    /** The address {@link #packedIpv4} packed. */
    static InetSocketAddress unpack(long packed) {
        int address = (int) (packed >>> 16);
        byte[] v4 = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(v4), (int) (packed & 0xffff));
        } catch (UnknownHostException impossible) { // only for a byte array of the wrong length
            throw new AssertionError(impossible);
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static byte[] mappedIpv4(Inet6Address ip) throws SocketException {
        byte[] bytes = ip.getAddress();
        if (!isIpv4Mapped(bytes)) {
            throw new SocketException("Protocol family unavailable");
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
}
