package io.tanpopo.pop3.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void delay_doublesPerFailure_upToCap_andResetsOnSuccess() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(1), Duration.ofSeconds(15));
        InetAddress client = InetAddress.getByName("192.0.2.1");
        assertThat(throttle.failed(client)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed(client)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed(client)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.failed(client)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.failed(client)).isEqualTo(Duration.ofSeconds(15));
        assertThat(throttle.failed(InetAddress.getByName("192.0.2.2"))).isEqualTo(Duration.ofSeconds(1));
        throttle.succeeded(client);
        assertThat(throttle.failed(client)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void trackedAddresses_areBounded() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Duration.ofMillis(1), Duration.ofMillis(10));
        for (int i = 0; i < 20_000; i++) {
            throttle.failed(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void ipv6Clients_ofOneSlash64_shareTheirDelay() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(1), Duration.ofSeconds(15));
        assertThat(throttle.failed(InetAddress.getByName("2001:db8:0:1::1"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed(InetAddress.getByName("2001:db8:0:1::2"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed(InetAddress.getByName("2001:db8:0:1:dead:beef:0:3")))
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.failed(InetAddress.getByName("2001:db8:0:2::1")))
                .as("the next /64")
                .isEqualTo(Duration.ofSeconds(1));
        throttle.succeeded(InetAddress.getByName("2001:db8:0:1::99"));
        assertThat(throttle.failed(InetAddress.getByName("2001:db8:0:1::1"))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void freshAddressesOfOneSlash64_cannotFlushTheRememberedClients() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Duration.ofMillis(1), Duration.ofMillis(10));
        byte[] raw = InetAddress.getByName("2001:db8::").getAddress();
        for (int i = 0; i < 20_000; i++) {
            raw[14] = (byte) (i >> 8);
            raw[15] = (byte) i;
            throttle.failed(InetAddress.getByAddress(raw));
        }
        assertThat(throttle.tracked()).isEqualTo(1);
    }

    @Test
    void prefixOf128_countsEachIpv6AddressAlone() throws Exception {
        LoginThrottle throttle =
                new LoginThrottle(Duration.ofSeconds(1), Duration.ofSeconds(15), new AddressBuckets(128));
        assertThat(throttle.failed(InetAddress.getByName("2001:db8::1"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed(InetAddress.getByName("2001:db8::2"))).isEqualTo(Duration.ofSeconds(1));
    }
}
