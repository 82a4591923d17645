package io.tanpopo.resolver.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Address;

class PrivateZoneTest {

    @ParameterizedTest
    @CsvSource({
        "10.200.0.100, 10.200.0.0/24, 0.200.10.in-addr.arpa, 10.in-addr.arpa",
        "172.20.1.2, 172.20.1.0/24, 1.20.172.in-addr.arpa, 20.172.in-addr.arpa",
        "192.168.7.9, 192.168.7.0/24, 7.168.192.in-addr.arpa, 168.192.in-addr.arpa",
        "169.254.3.4, 169.254.3.0/24, 3.254.169.in-addr.arpa, 254.169.in-addr.arpa",
        "100.64.5.6, 100.64.5.0/24, 5.64.100.in-addr.arpa, 64.100.in-addr.arpa",
        "fd00::2, fd00::/64, 0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa, d.f.ip6.arpa",
        "fe80::fc:ff:fe00:1, fe80::/64, 0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa, 8.e.f.ip6.arpa"
    })
    void privateAddress_probesItsBlockUnderTheRfc6303Zone(String address, String block, String probe, String zone) {
        PrivateZone privateZone = PrivateZone.of(ip(address)).orElseThrow();
        assertThat(privateZone.block().toString()).isEqualTo(block);
        assertThat(privateZone.name()).isEqualTo(probe);
        assertThat(privateZone.emptyZone().toString(true)).isEqualTo(zone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "127.0.0.1", "192.0.2.1", "2001:db8::1", "::1", "172.32.0.1"})
    void publicLoopbackAndDocumentationAddresses_areNotLearned(String address) {
        assertThat(PrivateZone.of(ip(address))).isEmpty();
    }

    static InetAddress ip(String literal) {
        try {
            return Address.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
