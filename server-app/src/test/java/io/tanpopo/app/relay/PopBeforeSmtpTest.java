package io.tanpopo.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.testsupport.MutableClock;
import io.tanpopo.testsupport.Pop3Wire;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopBeforeSmtpTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));

    @Test
    void login_touchesAFileNamedByTheAddress_withTheLoginTimeAsMtime() throws Exception {
        RelayDirectory relay = new RelayDirectory(dir, Duration.ofMinutes(15), clock);
        relay.record(InetAddress.getByName("192.0.2.7"));
        relay.record(InetAddress.getByName("2001:db8::7"));
        assertThat(Files.getLastModifiedTime(dir.resolve("192.0.2.7")).toInstant())
                .isEqualTo(clock.instant());
        assertThat(dir.resolve("2001:db8:0:0:0:0:0:7")).exists();
        clock.advance(Duration.ofMinutes(5));
        relay.record(InetAddress.getByName("192.0.2.7"));
        assertThat(Files.getLastModifiedTime(dir.resolve("192.0.2.7")).toInstant())
                .isEqualTo(clock.instant());
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void expiredAddresses_areRemoved_othersAndForeignFilesStay() throws Exception {
        RelayDirectory relay = new RelayDirectory(dir, Duration.ofMinutes(15), clock);
        relay.record(InetAddress.getByName("192.0.2.1"));
        clock.advance(Duration.ofMinutes(10));
        relay.record(InetAddress.getByName("192.0.2.2"));
        Files.writeString(dir.resolve("README"), "not an address");
        Files.setLastModifiedTime(dir.resolve("README"), java.nio.file.attribute.FileTime.from(Instant.EPOCH));
        clock.advance(Duration.ofMinutes(6));
        assertThat(relay.removeExpired()).isEqualTo(1);
        assertThat(dir.resolve("192.0.2.1")).doesNotExist();
        assertThat(dir.resolve("192.0.2.2")).exists();
        assertThat(dir.resolve("README")).exists();
        clock.advance(Duration.ofMinutes(10));
        assertThat(relay.removeExpired()).isEqualTo(1);
        assertThat(dir.resolve("192.0.2.2")).doesNotExist();
    }

    @Test
    void command_getsTheAddressAsArgumentAndInTcpremoteip_neverThroughAShell() throws Exception {
        Path out = dir.resolve("out");
        Path script = script("#!/bin/sh\necho \"$1 $TCPREMOTEIP $#\" > " + out + "\n");
        int status = new RelayCommand(List.of(script.toString()), Duration.ofSeconds(30)).run(connection("192.0.2.7"));
        assertThat(status).isZero();
        assertThat(Files.readString(out)).isEqualTo("192.0.2.7 192.0.2.7 1\n");
    }

    @Test
    void command_thatHangs_isKilledAtTheTimeout() throws Exception {
        Path script = script("#!/bin/sh\nexec sleep 60\n");
        long start = System.nanoTime();
        int status = new RelayCommand(List.of(script.toString()), Duration.ofMillis(300)).run(connection("192.0.2.7"));
        assertThat(status).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void listener_recordsOffTheCallingThread_andFinishes() throws Exception {
        PopBeforeSmtp relay = new PopBeforeSmtp(
                new PopBeforeSmtpConfig(Optional.of(dir), List.of(), Duration.ofSeconds(10), Duration.ofMinutes(15)),
                clock);
        relay.record(connection("192.0.2.9"));
        assertThat(relay.finish(Duration.ofSeconds(10))).isTrue();
        relay.close();
        assertThat(dir.resolve("192.0.2.9")).exists();
    }

    @Test
    void command_getsTheUcspiEnvironmentAndRuleVariables_andNothingOfTheServers() throws Exception {
        Path out = dir.resolve("env");
        Path script = script("#!/bin/sh\n/usr/bin/env > " + out + "\n");
        ConnectionInfo connection = new ConnectionInfo(
                new InetSocketAddress("192.0.2.1", 110),
                new InetSocketAddress("192.0.2.7", 40000),
                "pop.example",
                Optional.of("client.example"),
                false,
                Map.of("RELAYCLIENT", "", "TCPREMOTEIP", "10.9.9.9"));
        assertThat(new RelayCommand(List.of(script.toString()), Duration.ofSeconds(30)).run(connection))
                .isZero();
        assertThat(Files.readAllLines(out))
                .contains(
                        "PATH=/usr/local/bin:/usr/bin:/bin",
                        "PROTO=TCP",
                        "TCPREMOTEIP=192.0.2.7",
                        "TCPREMOTEPORT=40000",
                        "TCPREMOTEHOST=client.example",
                        "TCPLOCALIP=192.0.2.1",
                        "TCPLOCALPORT=110",
                        "TCPLOCALHOST=pop.example",
                        "RELAYCLIENT=");
        // Nothing else, whatever the test JVM's environment holds; the shell adds PWD (and may add SHLVL, _).
        assertThat(Files.readAllLines(out))
                .map(line -> line.substring(0, line.indexOf('=')))
                .isSubsetOf(
                        "PATH",
                        "PROTO",
                        "TCPREMOTEIP",
                        "TCPREMOTEPORT",
                        "TCPREMOTEHOST",
                        "TCPLOCALIP",
                        "TCPLOCALPORT",
                        "TCPLOCALHOST",
                        "RELAYCLIENT",
                        "PWD",
                        "SHLVL",
                        "_");
    }

    private static ConnectionInfo connection(String client) {
        return new ConnectionInfo(
                new InetSocketAddress("127.0.0.1", 110),
                new InetSocketAddress(client, 40000),
                "localhost",
                Optional.empty(),
                false,
                Map.of());
    }

    @Test
    void loginOfAnUnknownClientBehindAProxy_recordsNoAddress_neitherPlaceholderNorProxy() throws Exception {
        PopBeforeSmtp relay = new PopBeforeSmtp(
                new PopBeforeSmtpConfig(Optional.of(dir), List.of(), Duration.ofSeconds(10), Duration.ofMinutes(15)),
                clock);
        try (Pop3Server server = Pop3Server.builder()
                .noTls()
                .cleartext(Cleartext.ALWAYS)
                .user("alice", "pw")
                .lockMaildrops(false)
                .listener(relay)
                .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                .start()) {
            login(server.port(), "PROXY UNKNOWN\r\n");
            login(server.port(), "PROXY TCP4 192.0.2.9 127.0.0.1 40000 110\r\n");
        }
        assertThat(relay.finish(Duration.ofSeconds(10))).isTrue();
        relay.close();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("192.0.2.9");
        }
    }

    /** Sends {@code header}, logs in as alice and quits; every reply must be +OK. */
    private static void login(int port, String header) throws Exception {
        try (Pop3Wire pop = Pop3Wire.open(port)) {
            pop.send(header + "USER alice\r\nPASS pw\r\nQUIT\r\n");
            for (int i = 0; i < 4; i++) {
                assertThat(pop.line()).startsWith("+OK");
            }
        }
    }

    private Path script(String text) throws Exception {
        Path script = dir.resolve("hook.sh");
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
