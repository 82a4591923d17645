package io.tanpopo.app.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.HaproxyDaemon;
import io.tanpopo.testsupport.PemTrust;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tanpopo behind a real HAProxy (TCP mode, {@code send-proxy-v2}, {@code balance leastconn}, a
 * {@code tcp-check} that expects {@code +OK} and says QUIT), instances wired from properties as
 * the service is, on one maildir root. Clients connect from 127.0.0.2 and up, HAProxy from
 * 127.0.0.1: whatever sees 127.0.0.2 saw the PROXY header's client, not the proxy.
 */
@RequiresProgram(value = "haproxy", debianPackage = "haproxy")
class BehindHaproxyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void twoInstances_shareTheLoad_holdInUseAcrossThem_andSurviveOneDying() throws Exception {
        Path mail = maildirs("alice", "bob", "carol");
        try (Instance one = Instance.start(dir, "one", mailKeys(mail));
                Instance two = Instance.start(dir, "two", mailKeys(mail));
                HaproxyDaemon haproxy = HaproxyDaemon.builder(dir)
                        .route("pop3", List.of(one.server().port(), two.server().port()))
                        .start()) {
            haproxy.awaitUp("pop3", 2);
            int port = haproxy.port("pop3");
            try (Pop3Wire alice = Pop3Wire.connectFrom("127.0.0.2", port)) {
                boolean aliceOnOne = one.greeted(alice);
                Instance aliceOn = aliceOnOne ? one : two;
                Instance bobOn = aliceOnOne ? two : one;
                assertThat(alice.login("alice", "pw")).startsWith("+OK");
                try (Pop3Wire bob = Pop3Wire.connectFrom("127.0.0.3", port)) {
                    assertThat(bobOn.greeted(bob))
                            .as("leastconn: the second client on the other instance")
                            .isTrue();
                    assertThat(bob.login("bob", "pw")).startsWith("+OK");
                    assertThat(bob.command("QUIT")).startsWith("+OK");
                }
                String bobServer = aliceOnOne ? "s1" : "s0";
                Await.until(WAIT, "bob's connection gone in HAProxy", () -> haproxy.sessions("pop3", bobServer) == 0);
                // Alice is on one instance; the next client goes to the other, idle one.
                try (Pop3Wire again = Pop3Wire.connectFrom("127.0.0.2", port)) {
                    assertThat(bobOn.greeted(again)).isTrue();
                    assertThat(again.login("alice", "pw")).startsWith("-ERR [IN-USE]");
                }
                assertThat(alice.command("STAT"))
                        .isEqualTo("+OK 3 " + 3 * message(0).length());
                assertThat(alice.command("DELE 1")).startsWith("+OK");
                aliceOn.server().close(); // mid-session: its DELE is never committed
                haproxy.awaitUp("pop3", 1);
                for (int i = 0; i < 3; i++) {
                    try (Pop3Wire next = Pop3Wire.connectFrom("127.0.0.2", port)) {
                        assertThat(bobOn.greeted(next))
                                .as("new clients go to the instance alive")
                                .isTrue();
                        assertThat(next.converse("USER alice", "PASS pw", "STAT", "QUIT"))
                                .contains("+OK 3 " + 3 * message(0).length());
                    }
                }
            }
            assertThat(countFiles(mail.resolve("alice"))).as("no mail lost").isEqualTo(3);
            // Six client sessions, however many health checks: each logged and counted once, with its client.
            Await.until(
                    WAIT,
                    "six sessions logged",
                    () -> one.log().size() + two.log().size() >= 6);
            assertThat(Stream.concat(one.log().stream(), two.log().stream()))
                    .hasSize(6)
                    .allSatisfy(line -> assertThat(line).containsPattern("client=127\\.0\\.0\\.[23]:"));
            assertThat(one.service().metrics().getSessionsTotal()
                            + two.service().metrics().getSessionsTotal())
                    .isEqualTo(6);
        }
    }

    @Test
    void theClientsAddress_isWhatLimitsRulesThrottleCheckpasswordAndRelaySee() throws Exception {
        Path mail = maildirs("alice");
        Path env = dir.resolve("env");
        Path relay = Files.createDirectory(dir.resolve("relay"));
        Path checkpassword = script(
                "checkpassword",
                "IFS= read -r -d '' user <&3; IFS= read -r -d '' pass <&3",
                "echo \"TCPREMOTEIP=$TCPREMOTEIP RELAYCLIENT=${RELAYCLIENT-unset}\" >> '" + env + "'",
                "[ \"$pass\" = pw ] || exit 1",
                "USER=$user HOME=/ exec \"$@\"");
        Path rules = Files.writeString(dir.resolve("rules"), "127.0.0.4:deny\n127.0.0.2:allow,RELAYCLIENT=\"\"\n");
        List<String> keys = new java.util.ArrayList<>(mailKeys(mail));
        keys.addAll(List.of(
                "auth=checkpassword",
                "auth.checkpassword.command=" + checkpassword,
                "access.rules=" + rules,
                "limits.connections-per-ip=1",
                "pop-before-smtp.dir=" + relay,
                "auth.failure-delay=500ms",
                "auth.failure-delay-max=8s"));
        try (Instance one = Instance.start(dir, "one", keys);
                HaproxyDaemon haproxy = HaproxyDaemon.builder(dir)
                        .route("pop3", List.of(one.server().port()))
                        .start()) {
            haproxy.awaitUp("pop3", 1);
            int port = haproxy.port("pop3");
            try (Pop3Wire alice = Pop3Wire.connectFrom("127.0.0.2", port)) {
                assertThat(alice.login("alice", "pw")).startsWith("+OK");
                try (Pop3Wire second = Pop3Wire.connectFrom("127.0.0.2", port);
                        Pop3Wire other = Pop3Wire.connectFrom("127.0.0.3", port)) {
                    assertThat(second.greeting()).isEqualTo("-ERR [SYS/TEMP] Too many connections");
                    assertThat(other.greeting()).startsWith("+OK");
                }
                assertThat(alice.command("QUIT")).startsWith("+OK");
            }
            assertThat(Files.readAllLines(env)).containsExactly("TCPREMOTEIP=127.0.0.2 RELAYCLIENT=");
            Await.until(WAIT, "the relay file for 127.0.0.2", () -> Files.exists(relay.resolve("127.0.0.2")));
            assertThat(relay.resolve("127.0.0.1")).doesNotExist();
            try (Pop3Wire denied = Pop3Wire.connectFrom("127.0.0.4", port)) {
                assertThat(denied.greeting()).isEqualTo("-ERR [SYS/PERM] Access denied");
            }
            // 500 ms, 1 s, 2 s from 127.0.0.2; 127.0.0.3's first failure waits its own 500 ms, not 4 s.
            Duration third = Duration.ZERO;
            for (int i = 0; i < 3; i++) {
                third = failedLogin(one, "127.0.0.2", port);
            }
            assertThat(third).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(failedLogin(one, "127.0.0.3", port)).isLessThan(Duration.ofMillis(1900));
            assertThat(one.log()).anySatisfy(line -> assertThat(line).contains("user=alice client=127.0.0.2:"));
        }
    }

    @Test
    void implicitTls_proxyHeaderComesBeforeTheHandshake() throws Exception {
        Path mail = maildirs("alice");
        List<String> keys = new java.util.ArrayList<>(mailKeys(mail));
        keys.addAll(List.of("tls.enabled=true", "pop3s.port=0"));
        try (Instance one = Instance.start(dir, "one", keys)) {
            Pop3Server server = one.server();
            try (HaproxyDaemon haproxy = HaproxyDaemon.builder(dir)
                    .route("pop3s", List.of(server.tlsPort().orElseThrow()), List.of(server.port()))
                    .start()) {
                haproxy.awaitUp("pop3s", 1);
                Path ca = server.tlsTrust().orElseThrow().writeCaPem(dir.resolve("ca.pem"));
                try (Pop3Wire pop = Pop3Wire.openFrom("127.0.0.2", haproxy.port("pop3s"))) {
                    pop.startTls(PemTrust.sslContext(ca));
                    assertThat(pop.line()).startsWith("+OK one ");
                    assertThat(pop.converse("USER alice", "PASS pw", "STAT", "QUIT"))
                            .contains("+OK 3 " + 3 * message(0).length());
                }
                Await.until(WAIT, "the session logged", () -> one.log().size() == 1);
                assertThat(one.log().get(0)).contains("user=alice client=127.0.0.2:");
            }
        }
    }

    /** How long a wrong password from {@code from} waited, once the last connection has gone (one per address). */
    private static Duration failedLogin(Instance instance, String from, int port) {
        Await.until(WAIT, "no connection open", () -> instance.server().connections() == 0);
        try (Pop3Wire pop = Pop3Wire.connectFrom(from, port)) {
            assertThat(pop.command("USER alice")).startsWith("+OK");
            long start = System.nanoTime();
            assertThat(pop.command("PASS wrong")).startsWith("-ERR [AUTH]");
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    private static List<String> mailKeys(Path mail) {
        return List.of(
                "store=maildir",
                "store.maildir.path=" + mail + "/{user}",
                "store.maildir.lock=exclusive",
                "auth.users=alice:pw,bob:pw,carol:pw",
                "auth.failure-delay=0s",
                "auth.failure-delay-max=0s");
    }

    /** A maildir per user under one root, three messages each in new/. */
    private Path maildirs(String... users) throws Exception {
        Path root = dir.resolve("mail");
        for (String user : users) {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(root.resolve(user).resolve(sub));
            }
            for (int i = 0; i < 3; i++) {
                Files.writeString(root.resolve(user).resolve("new/170000000" + i + ".M1P1.host"), message(i));
            }
        }
        return root;
    }

    private static String message(int i) {
        return "Subject: " + i + "\r\n\r\nbody\r\n";
    }

    private static long countFiles(Path maildir) throws Exception {
        long count = 0;
        for (String sub : List.of("new", "cur")) {
            try (Stream<Path> files = Files.list(maildir.resolve(sub))) {
                count += files.count();
            }
        }
        return count;
    }

    private Path script(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
