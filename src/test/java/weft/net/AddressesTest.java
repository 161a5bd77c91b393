package weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void ipv4IsPrintedAsPythonsTuple() throws Exception {
        assertThat(Addresses.python(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 54321)))
                .isEqualTo("('127.0.0.1', 54321)");
    }

    @Test
    void ipv6IsCompressedAndPrintedAsPythonsFourTuple() throws Exception {
        assertThat(Addresses.python(new InetSocketAddress(InetAddress.getByName("::1"), 25000)))
                .isEqualTo("('::1', 25000, 0, 0)");
        assertThat(Addresses.python(new InetSocketAddress(InetAddress.getByName("::"), 25000)))
                .isEqualTo("('::', 25000, 0, 0)");
        assertThat(Addresses.python(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 1)))
                .isEqualTo("('2001:db8::1:0:0:1', 1, 0, 0)");
        assertThat(Addresses.python(new InetSocketAddress(InetAddress.getByName("fe80:0:0:1:0:0:0:5"), 1)))
                .isEqualTo("('fe80:0:0:1::5', 1, 0, 0)");
    }

    @Test
    void hostAndPortPutsAnIpv6AddressInBracketsSoItsColonsAreNotThePorts() throws Exception {
        assertThat(Addresses.hostAndPort(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 54321)))
                .isEqualTo("127.0.0.1:54321");
        assertThat(Addresses.hostAndPort(new InetSocketAddress(InetAddress.getByName("::1"), 54321)))
                .isEqualTo("[::1]:54321");
    }
}
