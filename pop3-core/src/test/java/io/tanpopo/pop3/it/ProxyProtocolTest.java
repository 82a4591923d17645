package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.access.AccessRules;
import io.tanpopo.pop3.access.AccessRulesParser;
import io.tanpopo.pop3.access.TemporaryFailurePolicy;
import io.tanpopo.pop3.config.Limits;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.testsupport.PemTrust;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PROXY protocol v1 and v2 over real sockets: the proxied client is the session's client. */
class ProxyProtocolTest {

    private static final String CLEARTEXT_REFUSED =
            "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections";
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    @TempDir
    Path dir;

    private final Queue<InetSocketAddress> clients = new ConcurrentLinkedQueue<>();
    private final SessionListener recorder = new SessionListener() {
        @Override
        public void opened(Pop3Session session) {
            clients.add(session.connection().remote());
        }
    };

    private Pop3Server server(String trusted) {
        return Pop3Server.builder()
                .user("alice", "pw")
                .noTls()
                .cleartext(Cleartext.ALWAYS)
                .listener(recorder)
                .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock(trusted)), Duration.ofMillis(500)))
                .start();
    }

    @Test
    void v1HeaderFromTrustedProxy_sessionSeesTheProxiedClient() {
        try (Pop3Server server = server("127.0.0.0/8");
                Pop3Wire client = Pop3Wire.open(server.port())) {
            client.send("PROXY TCP4 192.0.2.7 198.51.100.1 40000 110\r\n");
            assertThat(client.line()).startsWith("+OK");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS pw")).startsWith("+OK");
            assertThat(client.command("QUIT")).startsWith("+OK");
            assertThat(clients).containsExactly(new InetSocketAddress("192.0.2.7", 40000));
        }
    }

    @Test
    void v2HeaderFromTrustedProxy_inTwoPieces_sessionSeesTheProxiedClient() {
        byte[] header = v2Tcp4(new byte[] {(byte) 203, 0, 113, 9}, 51000);
        try (Pop3Server server = server("127.0.0.1");
                Pop3Wire client = Pop3Wire.open(server.port())) {
            client.send(java.util.Arrays.copyOfRange(header, 0, 10));
            client.send(java.util.Arrays.copyOfRange(header, 10, header.length));
            assertThat(client.line()).startsWith("+OK");
            assertThat(client.command("CAPA")).startsWith("+OK");
            assertThat(clients).containsExactly(new InetSocketAddress("203.0.113.9", 51000));
        }
    }

    @Test
    void v2Local_healthCheck_clientIsUnknown_notTheProxysLoopbackAddress() {
        try (Pop3Server server = server("127.0.0.1");
                Pop3Wire client = Pop3Wire.open(server.port())) {
            client.send(v2Local());
            assertThat(client.line()).startsWith("+OK");
            // Listeners hear of a LOCAL connection once it does more than a health check's QUIT.
            assertThat(client.command("CAPA")).startsWith("+OK");
            assertThat(clients).containsExactly(ConnectionInfo.UNKNOWN_REMOTE);
        }
    }

    /** PROXY v1 UNKNOWN, v2 LOCAL and v2 PROXY over AF_UNIX: each names no client address. */
    static Stream<Arguments> headersWithoutAClient() {
        return Stream.of(
                Arguments.of("v1 UNKNOWN", "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of(
                        "v1 UNKNOWN with addresses",
                        "PROXY UNKNOWN ::1 ::1 1 2\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("v2 LOCAL", v2Local()),
                Arguments.of("v2 PROXY AF_UNIX", v2Unix()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headersWithoutAClient")
    void headerWithoutClient_fromLocalProxy_isNotLoopback_cleartextRefusedByDefault(String kind, byte[] header) {
        try (Pop3Server server = Pop3Server.builder()
                        .user("alice", "pw")
                        .noTls()
                        .listener(recorder)
                        .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire unknown = Pop3Wire.open(server.port());
                Pop3Wire loopbackClient = Pop3Wire.open(server.port())) {
            assertThat(unknown.send(header).line()).startsWith("+OK");
            assertThat(unknown.command("USER alice")).isEqualTo(CLEARTEXT_REFUSED);
            assertThat(unknown.command("PASS pw")).startsWith("-ERR");
            assertThat(unknown.command("CAPA")).startsWith("+OK");
            assertThat(unknown.rawBody())
                    .doesNotContain("USER")
                    .noneMatch(l -> l.startsWith("SASL") && l.contains("PLAIN"));
            // The same proxy naming a loopback client: that one is allowed clear text.
            loopbackClient.send("PROXY TCP4 127.0.0.1 127.0.0.1 40000 110\r\n").line();
            assertThat(loopbackClient.command("USER alice")).startsWith("+OK");
            assertThat(loopbackClient.command("PASS pw")).startsWith("+OK");
        }
    }

    @Test
    void unknownClients_shareOnePerAddressSlot_apartFromTheProxysLoopbackClients() {
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .limits(new Limits(0, 1, 0))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire loopbackClient = Pop3Wire.open(server.port());
                Pop3Wire unknown = Pop3Wire.open(server.port());
                Pop3Wire secondUnknown = Pop3Wire.open(server.port())) {
            assertThat(loopbackClient
                            .send("PROXY TCP4 127.0.0.1 127.0.0.1 40000 110\r\n")
                            .line())
                    .startsWith("+OK");
            assertThat(unknown.send("PROXY UNKNOWN\r\n").line()).startsWith("+OK");
            assertThat(secondUnknown.send(v2Local()).line()).isEqualTo("-ERR [SYS/TEMP] Too many connections");
        }
    }

    @Test
    void failedLoginDelay_ofUnknownClients_isItsOwnBucket_notReset_by_a_loopbackLogin() {
        Duration first = Duration.ofMillis(200);
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .cleartext(Cleartext.ALWAYS)
                        .user("alice", "pw")
                        .failedLoginDelay(first, Duration.ofSeconds(10))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire unknown = Pop3Wire.open(server.port());
                Pop3Wire loopbackClient = Pop3Wire.open(server.port())) {
            unknown.send(v2Local()).line();
            loopbackClient.send("PROXY TCP4 127.0.0.1 127.0.0.1 40000 110\r\n").line();
            assertThat(failedLogin(unknown)).isGreaterThanOrEqualTo(first);
            assertThat(failedLogin(unknown)).isGreaterThanOrEqualTo(first.multipliedBy(2));
            // A success from 127.0.0.1 clears 127.0.0.1's failures; when unknown clients counted as the
            // proxy's 127.0.0.1, it cleared theirs too and the next delay was the first one again.
            loopbackClient.command("USER alice");
            assertThat(loopbackClient.command("PASS pw")).startsWith("+OK");
            assertThat(failedLogin(unknown)).isGreaterThanOrEqualTo(first.multipliedBy(4));
        }
    }

    @Test
    void accessRules_matchAnUnknownClientOnlyByTheRuleForEveryone() throws Exception {
        AccessRules loopbackOnly =
                AccessRulesParser.parse("127.0.0.1:allow\n:deny\n", "rules", TemporaryFailurePolicy.NO_MATCH);
        AccessRules denyAllIpv4 =
                AccessRulesParser.parse("0.0.0.0/0:deny\n0.:deny\n", "rules", TemporaryFailurePolicy.NO_MATCH);
        try (Pop3Server server = proxiedWith(loopbackOnly);
                Pop3Wire unknown = Pop3Wire.open(server.port())) {
            assertThat(unknown.send("PROXY UNKNOWN\r\n").line()).isEqualTo("-ERR [SYS/PERM] Access denied");
        }
        try (Pop3Server server = proxiedWith(denyAllIpv4);
                Pop3Wire unknown = Pop3Wire.open(server.port())) {
            assertThat(unknown.send(v2Unix()).line()).startsWith("+OK");
        }
    }

    @Test
    void headerFromUntrustedAddress_isRefused() {
        try (Pop3Server server = server("10.0.0.0/8");
                Pop3Wire client = Pop3Wire.open(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            client.send("PROXY TCP4 192.0.2.7 198.51.100.1 40000 110\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
        try (Pop3Server server = server("10.0.0.0/8");
                Pop3Wire client = Pop3Wire.open(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            client.send(v2Tcp4(new byte[] {(byte) 203, 0, 113, 9}, 51000));
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void trustedProxyWithoutHeader_orWithGarbage_isClosedWithoutGreeting() {
        try (Pop3Server server = server("127.0.0.1");
                Pop3Wire silent = Pop3Wire.open(server.port());
                Pop3Wire garbage = Pop3Wire.open(server.port())) {
            garbage.send("CAPA\r\n");
            assertThat(garbage.line()).isNull();
            assertThat(silent.line()).isNull();
            assertThat(clients).isEmpty();
        }
    }

    private Pop3Server proxiedWith(AccessRules rules) {
        return Pop3Server.builder()
                .noTls()
                .accessRules(rules)
                .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                .start();
    }

    /** USER and a wrong PASS; how long the PASS reply took. */
    private static Duration failedLogin(Pop3Wire client) {
        client.command("USER alice");
        long start = System.nanoTime();
        assertThat(client.command("PASS wrong")).startsWith("-ERR [AUTH]");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** On the implicit-TLS port a proxy's header comes in clear, before the client's handshake. */
    @Test
    void implicitTlsPort_headerFromTrustedProxy_thenTheHandshake() throws Exception {
        try (Pop3Server server = Pop3Server.builder()
                        .user("alice", "pw")
                        .implicitTlsPort(0)
                        .listener(recorder)
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire client = Pop3Wire.open(server.tlsPort().orElseThrow())) {
            Path ca = server.tlsTrust().orElseThrow().writeCaPem(dir.resolve("ca.pem"));
            client.send(v2Tcp4(new byte[] {(byte) 203, 0, 113, 9}, 51000));
            client.startTls(PemTrust.sslContext(ca));
            assertThat(client.line()).startsWith("+OK");
            assertThat(client.login("alice", "pw")).startsWith("+OK");
            assertThat(client.command("QUIT")).startsWith("+OK");
            assertThat(clients).containsExactly(new InetSocketAddress("203.0.113.9", 51000));
        }
    }

    /**
     * HAProxy's health check (v2 LOCAL, greeting, QUIT) is no session for the listeners (session log,
     * metrics); a LOCAL connection that does anything more is, from its start.
     */
    @Test
    void healthCheck_localHeaderThenQuit_isNotHeard_butMoreIs() {
        try (Pop3Server server = server("127.0.0.1")) {
            try (Pop3Wire check = Pop3Wire.open(server.port())) {
                check.send(v2Local());
                check.send("QUIT\r\n");
                assertThat(check.line()).startsWith("+OK");
                assertThat(check.line()).startsWith("+OK");
            }
            try (Pop3Wire more = Pop3Wire.open(server.port())) {
                more.send(v2Local());
                assertThat(more.line()).startsWith("+OK");
                assertThat(more.command("USER alice")).startsWith("+OK");
                assertThat(more.command("QUIT")).startsWith("+OK");
            }
            assertThat(clients).containsExactly(ConnectionInfo.UNKNOWN_REMOTE);
        }
    }

    private static byte[] v2Local() {
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        local.writeBytes(SIGNATURE);
        local.writeBytes(new byte[] {0x20, 0x00, 0x00, 0x00});
        return local.toByteArray();
    }

    /** v2 PROXY, family AF_UNIX stream (0x31): two 108-octet socket paths (proxy-protocol.txt §2.2). */
    private static byte[] v2Unix() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(new byte[] {0x21, 0x31, 0x00, (byte) 216});
        byte[] paths = new byte[216];
        byte[] path = "/run/haproxy/pop3.sock".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(path, 0, paths, 0, path.length);
        System.arraycopy(path, 0, paths, 108, path.length);
        out.writeBytes(paths);
        return out.toByteArray();
    }

    private static byte[] v2Tcp4(byte[] source, int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(new byte[] {0x21, 0x11, 0x00, 12});
        out.writeBytes(source);
        out.writeBytes(new byte[] {127, 0, 0, 1});
        out.writeBytes(new byte[] {(byte) (port >> 8), (byte) port, 0, 110});
        return out.toByteArray();
    }
}
