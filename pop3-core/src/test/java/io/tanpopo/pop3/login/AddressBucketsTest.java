package io.tanpopo.pop3.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.auth.ConnectionInfo;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressBucketsTest {

    private final AddressBuckets per64 = AddressBuckets.standard();

    @Test
    void ipv6_countsByItsSlash64_andIpv4ByItsAddress() throws Exception {
        assertThat(per64.of(ip("2001:db8:1:2::1")))
                .isEqualTo(per64.of(ip("2001:db8:1:2:ffff:ffff:ffff:fffe")))
                .isEqualTo(ip("2001:db8:1:2::"));
        assertThat(per64.of(ip("2001:db8:1:3::1"))).isNotEqualTo(per64.of(ip("2001:db8:1:2::1")));
        assertThat(per64.of(ip("192.0.2.1"))).isEqualTo(ip("192.0.2.1")).isNotEqualTo(per64.of(ip("192.0.2.2")));
    }

    @Test
    void prefix_isConfigurable_andOddPrefixesClearTheRightBits() throws Exception {
        assertThat(new AddressBuckets(48).of(ip("2001:db8:1:ffff::1"))).isEqualTo(ip("2001:db8:1::"));
        assertThat(new AddressBuckets(57).of(ip("2001:db8:1:ffff:1::"))).isEqualTo(ip("2001:db8:1:ff80::"));
        assertThat(new AddressBuckets(128).of(ip("2001:db8::1")))
                .isNotEqualTo(new AddressBuckets(128).of(ip("2001:db8::2")));
        assertThatThrownBy(() -> new AddressBuckets(0)).hasMessage("limits.ipv6-prefix must be 1 to 128, not 0");
        assertThatThrownBy(() -> new AddressBuckets(129)).hasMessage("limits.ipv6-prefix must be 1 to 128, not 129");
    }

    @Test
    void ipv4MappedIpv6_countsAsItsIpv4Address_notAsOneIpv6Network() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 7};
        InetAddress asIpv6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(per64.of(asIpv6)).isEqualTo(ip("192.0.2.7"));
        mapped[15] = 8;
        assertThat(per64.of(java.net.Inet6Address.getByAddress(null, mapped, -1)))
                .isEqualTo(ip("192.0.2.8"));
    }

    @Test
    void unknownAddress_hasOneBucketOfItsOwn_neitherLoopbackNorAnyClient() throws Exception {
        assertThat(per64.of(ConnectionInfo.UNKNOWN_REMOTE.getAddress()))
                .isEqualTo(AddressBuckets.UNKNOWN)
                .isEqualTo(per64.of(ip("::")));
        assertThat(AddressBuckets.UNKNOWN.isLoopbackAddress()).isFalse();
        assertThat(per64.of(ip("127.0.0.1"))).isNotEqualTo(AddressBuckets.UNKNOWN);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
