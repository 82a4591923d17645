package io.tanpopo.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "fd00:200:0:0:0:0:0:100, fd00:200::100",
        "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1", // the first of two equal runs (RFC 5952 §4.2.3)
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", // one zero group is not shortened (§4.2.2)
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:0:0:0:1%1, fe80::1", // the zone is left out
        "192.0.2.7, 192.0.2.7",
        "::ffff:192.0.2.7, 192.0.2.7", // a mapped address is the IPv4 one
    })
    void of_writesRfc5952(String in, String out) throws Exception {
        assertThat(AddressText.of(InetAddress.getByName(in))).isEqualTo(out);
    }

    @Test
    void withPort_bracketsIpv6Only() throws Exception {
        assertThat(AddressText.of(new InetSocketAddress(InetAddress.getByName("fd00:200:0:0:0:0:0:100"), 50978)))
                .isEqualTo("[fd00:200::100]:50978");
        assertThat(AddressText.of(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 110)))
                .isEqualTo("192.0.2.7:110");
        assertThat(AddressText.withPort("::", 110)).isEqualTo("[::]:110");
        assertThat(AddressText.withPort("127.0.0.1", 1110)).isEqualTo("127.0.0.1:1110");
    }
}
