package io.tanpopo.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuthorizationCommandsTest {

    private final ProtocolHarness pop = new ProtocolHarness();

    @Test
    void userPass_rightPassword_entersTransaction() {
        assertThat(pop.status("USER alice")).startsWith("+OK");
        assertThat(pop.status("PASS secret")).startsWith("+OK");
        assertThat(pop.session.state()).isEqualTo(SessionState.TRANSACTION);
    }

    @Test
    void pass_wrongPasswordAndUnknownUser_sameReplyWithAuthCodeAndDelay() {
        pop.send("USER alice");
        String wrongPassword = pop.status("PASS nope");
        Duration firstDelay = pop.last.delay();
        pop.send("USER mallory");
        String unknownUser = pop.status("PASS secret");
        assertThat(wrongPassword).isEqualTo(unknownUser).isEqualTo("-ERR [AUTH] Authentication failed");
        assertThat(firstDelay).isEqualTo(Duration.ofSeconds(1));
        assertThat(pop.last.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pop.session.state()).isEqualTo(SessionState.AUTHORIZATION);
    }

    @Test
    void pass_beforeUser_isRefused() {
        assertThat(pop.status("PASS secret")).isEqualTo("-ERR Send USER first");
    }

    @Test
    void pass_keepsSpacesInPassword_andWipesItAfterwards() {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        Authenticator capturing = request -> {
            seen.set(request.password());
            assertThat(new String(request.password(), StandardCharsets.UTF_8)).isEqualTo("two words ");
            return AuthResult.rejected();
        };
        ProtocolHarness harness =
                new ProtocolHarness(ProtocolHarness.config(Optional.empty(), Optional.empty(), 20), capturing, null);
        harness.send("USER alice");
        harness.send("PASS two words ");
        assertThat(seen.get()).hasSize("two words ".length()).containsOnly((byte) 0);
    }

    @Test
    void user_withEmptyName_isSyntaxError() {
        assertThat(pop.status("USER")).startsWith("-ERR");
        assertThat(pop.session.pendingUser()).isEmpty();
    }

    @Test
    void apop_rightDigest_logsIn() throws Exception {
        String digest = md5Hex(pop.session.apopStamp() + "secret");
        assertThat(pop.status("APOP alice " + digest)).startsWith("+OK");
        assertThat(pop.session.state()).isEqualTo(SessionState.TRANSACTION);
    }

    @Test
    void apop_wrongDigestAndUnknownUser_sameReply() throws Exception {
        String wrong = pop.status("APOP alice " + md5Hex(pop.session.apopStamp() + "nope"));
        String unknown = pop.status("APOP mallory " + md5Hex(pop.session.apopStamp() + "secret"));
        assertThat(wrong).isEqualTo(unknown).isEqualTo("-ERR [AUTH] Authentication failed");
    }

    @Test
    void apop_malformedDigest_isSyntaxError() {
        assertThat(pop.status("APOP alice xyz")).isEqualTo("-ERR Syntax: APOP name digest");
    }

    @Test
    void backendUnavailable_answersSysTemp_andBackendFailure_sysPerm() {
        Authenticator down = request -> new AuthResult.Unavailable("database down");
        ProtocolHarness harness =
                new ProtocolHarness(ProtocolHarness.config(Optional.empty(), Optional.empty(), 20), down, null);
        harness.send("USER alice");
        assertThat(harness.status("PASS secret")).startsWith("-ERR [SYS/TEMP]").doesNotContain("database");
        Authenticator broken = request -> new AuthResult.Failed("bad config");
        harness = new ProtocolHarness(ProtocolHarness.config(Optional.empty(), Optional.empty(), 20), broken, null);
        harness.send("USER alice");
        assertThat(harness.status("PASS secret")).startsWith("-ERR [SYS/PERM]").doesNotContain("config");
    }

    @Test
    void secondSession_ofSameUser_getsInUse_untilFirstCloses() {
        pop.login();
        Pop3Session second = pop.newSession();
        pop.send(second, "USER alice");
        assertThat(pop.send(second, "PASS secret").statusLine()).startsWith("-ERR [IN-USE]");
        pop.session.close().ifPresent(m -> m.close());
        Pop3Session third = pop.newSession();
        pop.send(third, "USER alice");
        assertThat(pop.send(third, "PASS secret").ok()).isTrue();
    }

    @Test
    void loginDelay_secondLoginTooSoon_isRefusedWithLoginDelay() {
        ProtocolHarness harness = new ProtocolHarness(
                ProtocolHarness.config(Optional.of(Duration.ofMinutes(5)), Optional.empty(), 20), null, null);
        harness.login();
        harness.session.close().ifPresent(m -> m.close());
        Pop3Session again = harness.newSession();
        harness.send(again, "USER alice");
        assertThat(harness.send(again, "PASS secret").statusLine()).startsWith("-ERR [LOGIN-DELAY]");
    }

    @Test
    void quit_inAuthorization_closesWithoutTouchingMail() {
        pop.store.mailbox("alice").add("Subject: a\r\n\r\nx\r\n");
        Reply reply = pop.send("QUIT");
        assertThat(reply.ok()).isTrue();
        assertThat(reply.after()).isEqualTo(Reply.After.CLOSE);
        assertThat(pop.store.mailbox("alice").size()).isEqualTo(1);
    }

    private static String md5Hex(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
