package io.tanpopo.pop3.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.SecretResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SaslMechanismsTest {

    static SaslContext context(String nonce, byte[] salt, String host, long epochSecond) {
        SaslEntropy entropy = new SaslEntropy() {
            @Override
            public String nonce() {
                return nonce;
            }

            @Override
            public byte[] salt() {
                return salt.clone();
            }
        };
        return new SaslContext(host, entropy, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(SaslStep step) {
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }

    static SaslStep.Kind failure(SaslStep step) {
        return ((SaslStep.Failure) step).kind();
    }

    // --- PLAIN (RFC 4616) ---

    @Test
    void plain_initialResponse_authenticates() {
        SaslStep step = new PlainMechanism()
                .start(context("n", new byte[16], "h", 0))
                .begin(Optional.of(utf8("\u0000tim\u0000tanstaaftanstaaf")));
        SaslStep.Authenticate auth = (SaslStep.Authenticate) step;
        assertThat(auth.user()).isEqualTo("tim");
        assertThat(auth.password()).isEqualTo(utf8("tanstaaftanstaaf"));
    }

    @Test
    void plain_withoutInitialResponse_sendsEmptyChallenge_thenAuthenticates() {
        SaslExchange ex = new PlainMechanism().start(context("n", new byte[16], "h", 0));
        assertThat(((SaslStep.Challenge) ex.begin(Optional.empty())).data()).isEmpty();
        assertThat(ex.step(utf8("tim\u0000tim\u0000pw"))).isInstanceOf(SaslStep.Authenticate.class);
    }

    @Test
    void plain_malformedOrForeignAuthzid_fails() {
        PlainMechanism plain = new PlainMechanism();
        SaslContext ctx = context("n", new byte[16], "h", 0);
        assertThat(failure(plain.start(ctx).begin(Optional.of(utf8("other\u0000tim\u0000pw")))))
                .isEqualTo(SaslStep.Kind.REJECTED);
        assertThat(failure(plain.start(ctx).begin(Optional.of(utf8("tim\u0000pw")))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(failure(plain.start(ctx).begin(Optional.of(utf8("\u0000tim\u0000p\u0000w")))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(failure(plain.start(ctx).begin(Optional.of(utf8("\u0000\u0000pw")))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(failure(plain.start(ctx).begin(Optional.of(utf8("\u0000tim\u0000")))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(failure(plain.start(ctx).begin(Optional.of(new byte[] {0, 't', (byte) 0xff, 0, 'p'}))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(failure(plain.start(ctx).begin(Optional.of(utf8("\u0000t\u0007im\u0000pw")))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        byte[] huge = new byte[SaslInput.MAX_RESPONSE + 1];
        huge[0] = 0;
        huge[1] = 'u';
        huge[2] = 0;
        assertThat(failure(plain.start(ctx).begin(Optional.of(huge)))).isEqualTo(SaslStep.Kind.MALFORMED);
    }

    // --- LOGIN ---

    @Test
    void login_asksUsernameThenPassword() {
        SaslExchange ex = new LoginMechanism().start(context("n", new byte[16], "h", 0));
        assertThat(Base64.getEncoder().encodeToString(((SaslStep.Challenge) ex.begin(Optional.empty())).data()))
                .isEqualTo("VXNlcm5hbWU6");
        assertThat(Base64.getEncoder().encodeToString(((SaslStep.Challenge) ex.step(utf8("tim"))).data()))
                .isEqualTo("UGFzc3dvcmQ6");
        SaslStep.Authenticate auth = (SaslStep.Authenticate) ex.step(utf8("secret"));
        assertThat(auth.user()).isEqualTo("tim");
        assertThat(auth.password()).isEqualTo(utf8("secret"));
    }

    @Test
    void login_initialResponseIsTheUser_andBadNamesFail() {
        SaslContext ctx = context("n", new byte[16], "h", 0);
        assertThat(text(new LoginMechanism().start(ctx).begin(Optional.of(utf8("tim")))))
                .isEqualTo("Password:");
        assertThat(failure(new LoginMechanism().start(ctx).begin(Optional.of(new byte[0]))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(failure(new LoginMechanism().start(ctx).begin(Optional.of(utf8("t\u0000m")))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        SaslExchange ex = new LoginMechanism().start(ctx);
        ex.begin(Optional.of(utf8("tim")));
        assertThat(failure(ex.step(utf8("pa\u0000ss")))).isEqualTo(SaslStep.Kind.MALFORMED);
    }

    // --- CRAM-MD5 (RFC 2195 §2 example) ---

    private static final String RFC2195_CHALLENGE = "<1896.697170952@postoffice.reston.mci.net>";

    private SaslExchange cram() {
        return new CramMd5Mechanism().start(context("1896", new byte[16], "postoffice.reston.mci.net", 697170952));
    }

    @Test
    void cramMd5_rfc2195Example() {
        SaslExchange ex = cram();
        assertThat(text(ex.begin(Optional.empty()))).isEqualTo(RFC2195_CHALLENGE);
        assertThat(ex.step(utf8("tim b913a602c7eda7a495b4e6e7334d3890"))).isEqualTo(new SaslStep.NeedSecret("tim"));
        SaslStep done = ex.secret(new SecretResult.Found(Account.named("tim"), utf8("tanstaaftanstaaf")));
        assertThat(done).isEqualTo(new SaslStep.Success(Account.named("tim")));
    }

    @Test
    void cramMd5_wrongDigest_unknownUser_unavailable_malformed() {
        SaslExchange wrong = cram();
        wrong.begin(Optional.empty());
        wrong.step(utf8("tim b913a602c7eda7a495b4e6e7334d3891"));
        assertThat(failure(wrong.secret(new SecretResult.Found(Account.named("tim"), utf8("tanstaaftanstaaf")))))
                .isEqualTo(SaslStep.Kind.REJECTED);
        SaslExchange unknown = cram();
        unknown.begin(Optional.empty());
        unknown.step(utf8("tim b913a602c7eda7a495b4e6e7334d3890"));
        assertThat(failure(unknown.secret(new SecretResult.Unknown()))).isEqualTo(SaslStep.Kind.REJECTED);
        SaslExchange down = cram();
        down.begin(Optional.empty());
        down.step(utf8("tim b913a602c7eda7a495b4e6e7334d3890"));
        assertThat(failure(down.secret(new SecretResult.Unavailable("db down"))))
                .isEqualTo(SaslStep.Kind.UNAVAILABLE);
        assertThat(failure(cram().begin(Optional.of(utf8("tim x"))))).isEqualTo(SaslStep.Kind.MALFORMED);
        SaslExchange bad = cram();
        bad.begin(Optional.empty());
        assertThat(failure(bad.step(utf8("tim nothex")))).isEqualTo(SaslStep.Kind.MALFORMED);
    }

    // --- registry ---

    @Test
    void registry_offersSecretMechanismsOnlyWithSecrets_andPlaintextOnlyWhenAllowed() {
        SaslMechanisms all = SaslMechanisms.standard();
        assertThat(all.usable(serving(true, false), true))
                .extracting(SaslMechanism::name)
                .containsExactly("SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN");
        assertThat(all.usable(serving(false, false), true))
                .extracting(SaslMechanism::name)
                .containsExactly("PLAIN", "LOGIN");
        assertThat(all.usable(serving(true, false), false))
                .extracting(SaslMechanism::name)
                .containsExactly("SCRAM-SHA-256", "CRAM-MD5");
        assertThat(all.find("plain", serving(false, false), true)).isPresent();
        assertThat(all.find("CRAM-MD5", serving(false, false), true)).isEmpty();
    }

    @Test
    void registry_withScramKeysOnly_offersScramButNotCramMd5() {
        assertThat(SaslMechanisms.standard().usable(serving(false, true), true))
                .extracting(SaslMechanism::name)
                .containsExactly("SCRAM-SHA-256", "PLAIN", "LOGIN");
    }

    private static Authenticator serving(boolean secrets, boolean scramKeys) {
        return new Authenticator() {
            @Override
            public AuthResult authenticate(LoginRequest request) {
                return AuthResult.rejected();
            }

            @Override
            public boolean providesSecrets() {
                return secrets;
            }

            @Override
            public boolean providesScramKeys() {
                return scramKeys;
            }
        };
    }
}
