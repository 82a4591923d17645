package io.tanpopo.app;

import static io.tanpopo.app.WireLogins.Method.LOGIN;
import static io.tanpopo.app.WireLogins.Method.PLAIN;
import static io.tanpopo.app.WireLogins.Method.SCRAM_SHA_256;
import static io.tanpopo.app.WireLogins.Method.USER_PASS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.app.WireLogins.Method;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password file in the middle of a migration, over real sockets: {@code {PLAIN}}, SHA512-CRYPT and
 * SCRAM-SHA-256 users (Dovecot's {@code doveadm pw} output in Dovecot's line format, and
 * {@code hash-password}'s in tanpopo's). Every mechanism is offered because some user can use it;
 * each user logs in with every mechanism their stored form serves, and gets exactly the wrong
 * password's answer from the others.
 */
@RequiresProgram(value = "doveadm", debianPackage = "dovecot-core")
class MixedPasswordFileServerTest {

    private static final Set<Method> ALL = EnumSet.allOf(Method.class);
    private static final Set<Method> PASSWORD = EnumSet.of(USER_PASS, PLAIN, LOGIN);
    private static final Set<Method> SCRAM = EnumSet.of(USER_PASS, PLAIN, LOGIN, SCRAM_SHA_256);

    @TempDir
    Path dir;

    private Pop3Server server;

    @BeforeEach
    void start() throws Exception {
        for (String user : List.of("plain", "crypt", "dovescram", "ownscram")) {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(dir.resolve("mail/" + user + "/Maildir/" + sub));
            }
        }
        Path passwd = dir.resolve("users");
        Files.writeString(
                passwd,
                String.join(
                        "\n",
                        "plain:{PLAIN}pw-plain",
                        "crypt:" + DovecotPasswdFileServerTest.doveadmPw("SHA512-CRYPT", "pw-crypt")
                                + ":1000:1000::/nonexistent::",
                        "dovescram:" + DovecotPasswdFileServerTest.doveadmPw("SCRAM-SHA-256", "pw-dovescram")
                                + ":1000:1000::/nonexistent::",
                        "ownscram:" + StandaloneServerTest.hash("pw-ownscram", "SCRAM-SHA-256"),
                        ""));
        Settings settings = new Settings(ConfigFile.parse(
                List.of(
                        "pop3.port=0",
                        "auth=passwd-file",
                        "auth.passwd-file=" + passwd,
                        "store=maildir",
                        "store.maildir.path=" + dir + "/mail/{user}/Maildir",
                        "tls.enabled=false",
                        "resolver.strategies=none",
                        "auth.failure-delay=0s",
                        "auth.failure-delay-max=0s"),
                "t"));
        server = new ServerWiring(settings).builder().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyMechanismIsOffered_whenSomeUserCanUseIt() {
        try (Pop3Wire wire = Pop3Wire.connect(server.port())) {
            assertThat(wire.greeting()).matches("\\+OK .*<.+@.+>");
            List<String> capa = wire.converse("CAPA");
            assertThat(capa).contains("SASL SCRAM-SHA-256 CRAM-MD5 PLAIN LOGIN");
            assertThat(wire.command("AUTH")).startsWith("+OK");
            assertThat(wire.body()).containsExactly("SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN");
        }
    }

    @Test
    void eachUser_logsInWithWhatItsStoredFormServes_andGetsTheWrongPasswordAnswerOtherwise() {
        Map<String, Set<Method>> serves = Map.of(
                "plain", ALL,
                "crypt", PASSWORD,
                "dovescram", SCRAM,
                "ownscram", SCRAM);
        for (Method method : Method.values()) {
            String wrong = attempt(method, "plain", "not-it");
            assertThat(wrong).as(method + " wrong password").startsWith("-ERR [AUTH]");
            assertThat(attempt(method, "nobody", "pw-nobody"))
                    .as(method + " unknown user")
                    .isEqualTo(wrong);
            serves.forEach((user, methods) -> {
                String reply = attempt(method, user, "pw-" + user);
                if (methods.contains(method)) {
                    assertThat(reply).as(method + " for " + user).startsWith("+OK");
                } else {
                    assertThat(reply).as(method + " for " + user).isEqualTo(wrong);
                }
                assertThat(attempt(method, user, "not-it"))
                        .as(method + " wrong password for " + user)
                        .isEqualTo(wrong);
            });
        }
    }

    private String attempt(Method method, String user, String password) {
        try (Pop3Wire wire = Pop3Wire.connect(server.port())) {
            String reply = WireLogins.login(wire, method, user, password);
            wire.command("QUIT");
            return reply;
        }
    }
}
