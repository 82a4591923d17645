package io.tanpopo.pop3.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.checkpassword.CheckpasswordAuthenticator;
import io.tanpopo.auth.checkpassword.CheckpasswordConfig;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.CacheLimits;
import io.tanpopo.resolver.ResolverConfig;
import io.tanpopo.resolver.Resolvers;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real checkpassword program sees the client's name and the access rules' variables. */
class CheckpasswordEnvironmentTest {

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

    @AfterEach
    void stop() {
        io.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void nameFromHostsFile_becomesTcpRemoteHost_andRuleVariablesArePassed() throws Exception {
        Path env = dir.resolve("env");
        Path program = script("cat <&3 >/dev/null\nenv > '" + env + "'\nUSER=alice HOME=/tmp exec \"$@\"");
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 client.example.test\n");
        ResolverConfig config = new ResolverConfig(
                List.of("hosts"),
                hosts,
                List.of(),
                List.of(),
                List.of(),
                null,
                Duration.ofSeconds(1),
                false,
                Duration.ofSeconds(5),
                CacheLimits.defaults());
        AccessRules rules = AccessRulesParser.parse(
                "=.example.test:allow,RELAYCLIENT=\"\"\n:deny\n", "rules", TemporaryFailurePolicy.NO_MATCH);
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .authenticator(
                                new CheckpasswordAuthenticator(CheckpasswordConfig.of(List.of(program.toString())), io))
                        .resolver(
                                new Resolvers(Clock.systemUTC(), scheduler, List::of).create(config), config.deadline())
                        .accessRules(rules)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.login("alice", "anything")).startsWith("+OK");
        }
        assertThat(Files.readAllLines(env))
                .contains("TCPREMOTEHOST=client.example.test", "RELAYCLIENT=", "TCPREMOTEIP=127.0.0.1");
    }

    @Test
    void noNameInTime_noTcpRemoteHost() throws Exception {
        Path env = dir.resolve("env");
        Path program = script("cat <&3 >/dev/null\nenv > '" + env + "'\nUSER=alice HOME=/tmp exec \"$@\"");
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .authenticator(
                                new CheckpasswordAuthenticator(CheckpasswordConfig.of(List.of(program.toString())), io))
                        .resolver(new ControlledResolver(), Duration.ofMillis(200))
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.login("alice", "anything")).startsWith("+OK");
        }
        assertThat(Files.readAllLines(env))
                .noneMatch(l -> l.startsWith("TCPREMOTEHOST="))
                .contains("TCPREMOTEIP=127.0.0.1");
    }

    @Test
    void unknownClientBehindProxy_getsNoTcpRemoteIpOrPort_neitherPlaceholderNorProxy() throws Exception {
        Path env = dir.resolve("env");
        Path program = script("cat <&3 >/dev/null\nenv > '" + env + "'\nUSER=alice HOME=/tmp exec \"$@\"");
        AccessRules rules =
                AccessRulesParser.parse(":allow,RELAYCLIENT=\"\"\n", "rules", TemporaryFailurePolicy.NO_MATCH);
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .cleartext(Cleartext.ALWAYS)
                        .authenticator(
                                new CheckpasswordAuthenticator(CheckpasswordConfig.of(List.of(program.toString())), io))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .accessRules(rules)
                        .start();
                Pop3Wire in = Pop3Wire.open(server.port())) {
            in.send("PROXY UNKNOWN\r\nUSER alice\r\nPASS anything\r\n");
            assertThat(in.line()).startsWith("+OK");
            assertThat(in.line()).startsWith("+OK");
            assertThat(in.line()).startsWith("+OK");
        }
        assertThat(Files.readAllLines(env))
                .contains("RELAYCLIENT=", "PROTO=TCP")
                .noneMatch(l -> l.startsWith("TCPREMOTEIP=")
                        || l.startsWith("TCPREMOTEPORT=")
                        || l.startsWith("TCPREMOTEHOST="));
    }

    private Path script(String body) throws IOException {
        Path file = dir.resolve("checkpassword");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
