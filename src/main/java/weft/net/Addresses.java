package weft.net;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Socket addresses written the way Python prints them, so weft's log lines match the seed's. */
public final class Addresses {
    private Addresses() {}

    /**
     * {@code ('127.0.0.1', 54321)}; an IPv6 address as Python's four-tuple, compressed the way
     * Python writes it: {@code ('::1', 54321, 0, 0)}.
     */
    public static String python(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet6Address ipv6) {
            return "('" + host(address) + "', " + address.getPort() + ", 0, " + ipv6.getScopeId() + ")";
        }
        return "('" + host(address) + "', " + address.getPort() + ")";
    }

    /**
     * The address's IP as Python writes it, the first item of {@link #python}: {@code 127.0.0.1},
     * {@code ::1}. An IPv4 client of a dual-stack socket is already an IPv4 address here.
     */
    public static String host(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet6Address ipv6) {
            return compressed(ipv6);
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    /**
     * {@code host:port}, as a URL or {@code nc} takes it: {@code 127.0.0.1:54321}, and an IPv6
     * address in brackets, {@code [::1]:54321}, so its colons cannot be taken for the port's.
     */
    public static String hostAndPort(InetSocketAddress address) {
        String host = host(address);
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** RFC 5952 form: the longest run of two or more zero groups becomes "::". */
    static String compressed(Inet6Address address) {
        String full = address.getHostAddress();
        int percent = full.indexOf('%');
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < groups.length; start++) {
            int length = 0;
            while (start + length < groups.length && groups[start + length].equals("0")) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
