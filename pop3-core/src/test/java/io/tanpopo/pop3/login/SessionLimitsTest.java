package io.tanpopo.pop3.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.config.Limits;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SessionLimitsTest {

    @Test
    void counters_shrinkBackToNothing_whenEverythingEnded() throws Exception {
        SessionLimits limits = new SessionLimits(new Limits(3, 2, 1));
        InetAddress a = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        InetAddress b = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 2});
        assertThat(limits.tryConnect(a)).isTrue();
        assertThat(limits.tryConnect(a)).isTrue();
        assertThat(limits.tryConnect(a)).as("per address").isFalse();
        assertThat(limits.tryConnect(b)).isTrue();
        assertThat(limits.tryConnect(b)).as("in total").isFalse();
        assertThat(limits.tryLogin("alice")).isTrue();
        assertThat(limits.tryLogin("alice")).isFalse();
        limits.loggedOut("alice");
        limits.disconnected(a);
        limits.disconnected(a);
        limits.disconnected(b);
        assertThat(limits.connections()).isZero();
        assertThat(limits.tracked()).isZero();
    }

    @Test
    void perAddressLimit_countsAnIpv6Slash64AsOneClient_asLimitsSay() throws Exception {
        SessionLimits limits = new SessionLimits(new Limits(0, 1, 0));
        assertThat(limits.tryConnect(InetAddress.getByName("2001:db8:0:1::1"))).isTrue();
        assertThat(limits.tryConnect(InetAddress.getByName("2001:db8:0:1::2")))
                .as("same /64")
                .isFalse();
        assertThat(limits.tryConnect(InetAddress.getByName("2001:db8:0:2::1")))
                .as("next /64")
                .isTrue();
        limits.disconnected(InetAddress.getByName("2001:db8:0:1::1"));
        assertThat(limits.tryConnect(InetAddress.getByName("2001:db8:0:1::2"))).isTrue();
        SessionLimits exact = new SessionLimits(new Limits(0, 1, 0, 128));
        assertThat(exact.tryConnect(InetAddress.getByName("2001:db8:0:1::1"))).isTrue();
        assertThat(exact.tryConnect(InetAddress.getByName("2001:db8:0:1::2"))).isTrue();
    }

    @Test
    void noLimits_admitsEverything() throws Exception {
        SessionLimits limits = new SessionLimits(Limits.none());
        InetAddress a = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.tryConnect(a)).isTrue();
        }
    }

    @Test
    void negativeLimits_nameTheirKey() {
        assertThatThrownBy(() -> new Limits(-1, 0, 0)).hasMessageStartingWith("limits.connections ");
        assertThatThrownBy(() -> new Limits(0, -1, 0)).hasMessageStartingWith("limits.connections-per-ip ");
        assertThatThrownBy(() -> new Limits(0, 0, -1)).hasMessageStartingWith("limits.sessions-per-user ");
        assertThatThrownBy(() -> new Limits(0, 0, 0, 0)).hasMessage("limits.ipv6-prefix must be 1 to 128, not 0");
        assertThatThrownBy(() -> new Limits(0, 0, 0, 129)).hasMessage("limits.ipv6-prefix must be 1 to 128, not 129");
    }
}
