package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.config.Limits;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** limits.connections, limits.connections-per-ip and limits.sessions-per-user over real sockets. */
class LimitsTest {

    private static final String TOO_MANY = "-ERR [SYS/TEMP] Too many connections";

    @Test
    void totalLimit_refusesTheNextConnectionInsteadOfGreeting_andFreesTheSlotAtClose() {
        try (Pop3Server server =
                        Pop3Server.builder().noTls().limits(new Limits(2, 0, 0)).start();
                Pop3Wire first = Pop3Wire.open(server.port());
                Pop3Wire second = Pop3Wire.open(server.port())) {
            assertThat(first.line()).startsWith("+OK");
            assertThat(second.line()).startsWith("+OK");
            try (Pop3Wire third = Pop3Wire.open(server.port())) {
                assertThat(third.line()).isEqualTo(TOO_MANY);
                assertThat(third.closedByServer()).isTrue();
            }
            assertThat(first.command("QUIT")).startsWith("+OK");
            Await.value(
                    Duration.ofSeconds(10),
                    "the first connection to be released",
                    () -> server.connections() == 1 ? true : null);
            try (Pop3Wire fourth = Pop3Wire.open(server.port())) {
                assertThat(fourth.line()).startsWith("+OK");
            }
        }
    }

    @Test
    void perAddressLimit_countsEachClientAddress_asNamedByTheProxy() {
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .limits(new Limits(0, 1, 0))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire a = Pop3Wire.open(server.port());
                Pop3Wire sameAddress = Pop3Wire.open(server.port());
                Pop3Wire other = Pop3Wire.open(server.port())) {
            assertThat(a.send(proxied("192.0.2.1")).line()).startsWith("+OK");
            assertThat(sameAddress.send(proxied("192.0.2.1")).line()).isEqualTo(TOO_MANY);
            assertThat(other.send(proxied("192.0.2.2")).line()).startsWith("+OK");
        }
    }

    @Test
    void perAddressLimit_countsOneIpv6Slash64AsOneClient() {
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .limits(new Limits(0, 1, 0))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire a = Pop3Wire.open(server.port());
                Pop3Wire sameNetwork = Pop3Wire.open(server.port());
                Pop3Wire otherNetwork = Pop3Wire.open(server.port())) {
            assertThat(a.send(proxied6("2001:db8:0:1::1")).line()).startsWith("+OK");
            assertThat(sameNetwork
                            .send(proxied6("2001:db8:0:1:aaaa:bbbb:cccc:dddd"))
                            .line())
                    .isEqualTo(TOO_MANY);
            assertThat(otherNetwork.send(proxied6("2001:db8:0:2::1")).line()).startsWith("+OK");
        }
    }

    @Test
    void failedLoginDelay_growsForTheWholeIpv6Slash64_notPerAddress() {
        Duration first = Duration.ofMillis(400);
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .cleartext(Cleartext.ALWAYS)
                        .user("alice", "pw")
                        .failedLoginDelay(first, Duration.ofSeconds(5))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire a = Pop3Wire.open(server.port());
                Pop3Wire b = Pop3Wire.open(server.port())) {
            a.send(proxied6("2001:db8:0:1::1")).line();
            b.send(proxied6("2001:db8:0:1::2")).line();
            a.command("USER alice");
            assertThat(a.command("PASS wrong")).startsWith("-ERR [AUTH]");
            b.command("USER alice");
            long start = System.nanoTime();
            assertThat(b.command("PASS wrong")).startsWith("-ERR [AUTH]");
            // The second failure of the /64 waits twice the first delay; per address it would wait the first.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(first.multipliedBy(2));
        }
    }

    @Test
    void perUserLimit_answersInUse_andCountsOnlyLoggedInSessions() {
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .lockMaildrops(false)
                        .user("alice", "pw")
                        .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                        .limits(new Limits(0, 0, 1))
                        .start();
                Pop3Wire first = Pop3Wire.open(server.port());
                Pop3Wire second = Pop3Wire.open(server.port())) {
            first.line();
            second.line();
            assertThat(login(first)).startsWith("+OK");
            assertThat(login(second)).isEqualTo("-ERR [IN-USE] Too many sessions of this user");
            assertThat(first.command("QUIT")).startsWith("+OK");
            Await.value(
                    Duration.ofSeconds(10),
                    "the first session to be released",
                    () -> server.connections() == 1 ? true : null);
            assertThat(login(second)).startsWith("+OK");
        }
    }

    private static String login(Pop3Wire client) {
        client.command("USER alice");
        return client.command("PASS pw");
    }

    private static String proxied6(String client) {
        return "PROXY TCP6 " + client + " ::1 40000 110\r\n";
    }

    private static String proxied(String client) {
        return "PROXY TCP4 " + client + " 127.0.0.1 40000 110\r\n";
    }
}
