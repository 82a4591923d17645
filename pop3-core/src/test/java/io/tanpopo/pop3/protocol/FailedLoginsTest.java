package io.tanpopo.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.login.FailedLoginLog;
import io.tanpopo.pop3.protocol.Dispatcher.Outcome;
import io.tanpopo.pop3.protocol.command.StandardCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every failed login leaves one INFO line naming the user tried, the method, the address and why. */
class FailedLoginsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("tanpopo.auth");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final String thread = Thread.currentThread().getName();
    private Level before;

    @BeforeEach
    void capture() {
        before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        logger.setLevel(before);
    }

    @Test
    void wrongPassword_unknownUser_apop_plain_eachLogOneRejectedLine() {
        ProtocolHarness pop = new ProtocolHarness();
        pop.send("USER alice");
        pop.send("PASS wrong");
        pop.send("USER nobody");
        pop.send("PASS wrong");
        pop.send("APOP nobody 0123456789abcdef0123456789abcdef");
        pop.send("AUTH PLAIN " + b64("\0alice\0wrong"));
        pop.login();
        assertThat(lines())
                .containsExactly(
                        "INFO login failed: reason=rejected, method=USER, rip=127.0.0.1, user=<alice>",
                        "INFO login failed: reason=rejected, method=USER, rip=127.0.0.1, user=<nobody>",
                        "INFO login failed: reason=rejected, method=APOP, rip=127.0.0.1, user=<nobody>",
                        "INFO login failed: reason=rejected, method=PLAIN, rip=127.0.0.1, user=<alice>");
    }

    @Test
    void cancelledScram_isAnAbortedLogin_loggedAndDelayed() {
        ProtocolHarness pop = new ProtocolHarness();
        assertThat(pop.status("AUTH SCRAM-SHA-256 " + b64("n,,n=alice,r=abcdefgh")))
                .startsWith("+ ");
        assertThat(pop.status("*")).isEqualTo("-ERR Authentication cancelled");
        assertThat(pop.last.delay()).isEqualTo(Duration.ofSeconds(1));
        pop.send("AUTH SCRAM-SHA-256 " + b64("n,,n=alice,r=abcdefgh"));
        pop.send("*");
        assertThat(pop.last.delay())
                .as("doubles per failure, like a wrong password")
                .isEqualTo(Duration.ofSeconds(2));
        pop.send("AUTH LOGIN");
        assertThat(pop.status("%%%")).isEqualTo("-ERR Invalid base64 in response");
        assertThat(pop.last.delay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(lines())
                .containsExactly(
                        "INFO login failed: reason=aborted, method=SCRAM-SHA-256, rip=127.0.0.1, user=<alice>",
                        "INFO login failed: reason=aborted, method=SCRAM-SHA-256, rip=127.0.0.1, user=<alice>",
                        "INFO login failed: reason=rejected, method=LOGIN, rip=127.0.0.1, user=<>");
    }

    @Test
    void cleartextRefused_loginDelay_andBackendDown_areLoggedWithTheirClass() {
        ProtocolHarness base = new ProtocolHarness();
        ProtocolContext never = ProtocolContext.of(
                ProtocolHarness.config(Optional.empty(), Optional.empty(), 20), base.users, SessionListener.none());
        StandardCommands.Setup clearNever =
                new StandardCommands.Setup(base.store, Cleartext.NEVER, false, "test", Clock.systemUTC());
        Dispatcher dispatcher = new Dispatcher(never, StandardCommands.table(never, clearNever));
        Pop3Session session = base.newSession();
        dispatcher.dispatch(session, "USER alice");
        dispatcher.dispatch(session, "AUTH PLAIN");

        ProtocolHarness delayed = new ProtocolHarness(
                ProtocolHarness.config(Optional.of(Duration.ofMinutes(5)), Optional.empty(), 20), null, null);
        delayed.login();
        Pop3Session again = delayed.newSession();
        delayed.send(again, "USER alice");
        Outcome second = delayed.dispatcher.dispatch(again, "PASS secret");
        assertThat(second.reply().statusLine()).startsWith("-ERR [LOGIN-DELAY]");
        assertThat(second.delay()).isZero();

        Authenticator down = request -> new AuthResult.Unavailable("database down");
        ProtocolHarness unavailable =
                new ProtocolHarness(ProtocolHarness.config(Optional.empty(), Optional.empty(), 20), down, null);
        unavailable.send("USER carol");
        assertThat(unavailable.status("PASS pw")).startsWith("-ERR [SYS/TEMP]");

        assertThat(lines())
                .containsExactly(
                        "INFO login failed: reason=policy, method=USER, rip=127.0.0.1, user=<alice>",
                        "INFO login failed: reason=policy, method=PLAIN, rip=127.0.0.1, user=<>",
                        "INFO login failed: reason=policy, method=USER, rip=127.0.0.1, user=<alice>",
                        "INFO login failed: reason=unavailable, method=USER, rip=127.0.0.1, user=<carol>");
    }

    @Test
    void userName_cannotEndTheLine_forgeAField_orGrowIt() {
        ProtocolHarness pop = new ProtocolHarness();
        pop.send("USER x>, rip=6.6.6.6, user=<\"root\"");
        pop.send("PASS wrong");
        pop.send("AUTH PLAIN " + b64("\0a\u2028b\u202e\\c\0pw"));
        pop.send("USER " + "a".repeat(200));
        pop.send("PASS wrong");
        List<String> lines = lines();
        assertThat(lines.get(0))
                .isEqualTo("INFO login failed: reason=rejected, method=USER, rip=127.0.0.1, "
                        + "user=<x\\x3E\\x2C\\x20rip\\x3D6.6.6.6\\x2C\\x20user\\x3D\\x3C\\x22root\\x22>");
        assertThat(lines.get(1)).endsWith("user=<a\\xE2\\x80\\xA8b\\xE2\\x80\\xAE\\x5Cc>");
        assertThat(lines.get(2)).endsWith("user=<" + "a".repeat(FailedLoginLog.MAX_USER_CHARACTERS) + "...>");
        for (String line : lines) {
            assertThat(line.split("rip=", -1)).as(line).hasSize(2);
            assertThat(line).matches("[ -~]+");
        }
    }

    private List<String> lines() {
        return logged.list.stream()
                .filter(e -> e.getThreadName().equals(thread))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
