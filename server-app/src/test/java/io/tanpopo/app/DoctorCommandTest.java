package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.ScriptedDnsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}: finds the black-holed DNS server and says so in plain words. */
class DoctorCommandTest {

    @TempDir
    Path dir;

    @Test
    void blackHoledDns_isNamedAsTheCause_withTheFix() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole()) {
            Path config = TestConfig.write(
                    dir,
                    "tanpopo.properties",
                    "resolver.strategies=dns",
                    TestConfig.dns(blackHole),
                    "resolver.deadline=500ms");
            int status = new Main(System.in, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                    .run(new String[] {"doctor", "--config", config.toString()});
            assertThat(status).isEqualTo(1);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("NO ANSWER", "first login:", "second login:", "== verdict")
                .containsPattern("DNS server 127\\.0\\.0\\.1:\\d+ did not answer within 500 ms")
                .contains("A login from 127.0.0.1 took", "own address 127.0.0.1 does not resolve quickly");
    }

    @Test
    void healthySetup_saysNothingWouldSlowLoginsDown() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path hosts = TestConfig.write(dir, "hosts", "127.0.0.1 localhost");
        Path config = TestConfig.write(
                dir, "tanpopo.properties", "resolver.strategies=hosts,local-ptr", "resolver.hosts-file=" + hosts);
        int status = new Main(System.in, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(new String[] {"doctor", "--config", config.toString()});
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Nothing found that would slow logins down");
        assertThat(status).isZero();
    }

    @Test
    void lanBind_withTheDefaultCleartextPolicy_saysPlaintextLoginsAreRefused_andTheWaysOut() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path hosts = TestConfig.write(dir, "hosts", "127.0.0.1 localhost");
        Path config = TestConfig.write(
                dir,
                "tanpopo.properties",
                "pop3.bind=0.0.0.0",
                "resolver.strategies=hosts,local-ptr",
                "resolver.hosts-file=" + hosts);
        new Main(System.in, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(new String[] {"doctor", "--config", config.toString()});
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "== plaintext logins",
                        "are refused from clients other than loopback (auth.cleartext=loopback)",
                        "STLS with a real certificate (tls.cert and tls.key",
                        "auth.cleartext=always");
    }

    @Test
    void loopbackBind_saysPlaintextLoginsAreAllowedAsConfigured() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path hosts = TestConfig.write(dir, "hosts", "127.0.0.1 localhost");
        Path config = TestConfig.write(
                dir, "tanpopo.properties", "resolver.strategies=hosts,local-ptr", "resolver.hosts-file=" + hosts);
        new Main(System.in, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(new String[] {"doctor", "--config", config.toString()});
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("allowed as configured (auth.cleartext=loopback, pop3.bind=127.0.0.1)");
    }
}
