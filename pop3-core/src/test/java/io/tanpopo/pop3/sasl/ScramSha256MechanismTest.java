package io.tanpopo.pop3.sasl;

import static io.tanpopo.pop3.sasl.SaslMechanismsTest.failure;
import static io.tanpopo.pop3.sasl.SaslMechanismsTest.text;
import static io.tanpopo.pop3.sasl.SaslMechanismsTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.SecretResult;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 7677 §3: user "user", password "pencil", fixed nonces and salt. */
class ScramSha256MechanismTest {

    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private SaslExchange exchange() {
        return new ScramSha256Mechanism()
                .start(SaslMechanismsTest.context(
                        "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
                        Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), "h", 0));
    }

    private static SecretResult pencil() {
        return new SecretResult.Found(Account.named("user"), utf8("pencil"));
    }

    @Test
    void rfc7677Example_succeeds() {
        SaslExchange ex = exchange();
        assertThat(ex.begin(Optional.of(utf8(CLIENT_FIRST)))).isEqualTo(new SaslStep.NeedSecret("user"));
        assertThat(text(ex.secret(pencil()))).isEqualTo(SERVER_FIRST);
        assertThat(text(ex.step(utf8(CLIENT_FINAL)))).isEqualTo(SERVER_FINAL);
        assertThat(ex.step(new byte[0])).isEqualTo(new SaslStep.Success(Account.named("user")));
    }

    @Test
    void withoutInitialResponse_startsWithAnEmptyChallenge() {
        SaslExchange ex = exchange();
        assertThat(((SaslStep.Challenge) ex.begin(Optional.empty())).data()).isEmpty();
        assertThat(ex.step(utf8(CLIENT_FIRST))).isEqualTo(new SaslStep.NeedSecret("user"));
    }

    @Test
    void wrongPassword_orUnknownUser_isRejectedAtTheProof() {
        SaslExchange wrong = exchange();
        wrong.begin(Optional.of(utf8(CLIENT_FIRST)));
        wrong.secret(new SecretResult.Found(Account.named("user"), utf8("pencil2")));
        assertThat(failure(wrong.step(utf8(CLIENT_FINAL)))).isEqualTo(SaslStep.Kind.REJECTED);

        SaslExchange unknown = exchange();
        unknown.begin(Optional.of(utf8(CLIENT_FIRST)));
        assertThat(text(unknown.secret(new SecretResult.Unknown()))).startsWith("r=rOprNGfwEbeRWgbNEkqO%hvY");
        assertThat(failure(unknown.step(utf8(CLIENT_FINAL)))).isEqualTo(SaslStep.Kind.REJECTED);

        SaslExchange down = exchange();
        down.begin(Optional.of(utf8(CLIENT_FIRST)));
        assertThat(failure(down.secret(new SecretResult.Unavailable("x")))).isEqualTo(SaslStep.Kind.UNAVAILABLE);
    }

    @Test
    void tamperedFinalMessage_fails() {
        String[] finals = {
            CLIENT_FINAL.replace("p=dHzb", "p=dHzc"),
            CLIENT_FINAL.replace("c=biws", "c=eSws"),
            CLIENT_FINAL.replace("k0,p=", "k1,p="),
            "c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
            CLIENT_FINAL.replace("p=dHzb", "p=!!"),
        };
        for (String tampered : finals) {
            SaslExchange ex = exchange();
            ex.begin(Optional.of(utf8(CLIENT_FIRST)));
            ex.secret(pencil());
            assertThat(ex.step(utf8(tampered))).as(tampered).isInstanceOf(SaslStep.Failure.class);
        }
    }

    @Test
    void nonEmptyResponseAfterServerFinal_fails() {
        SaslExchange ex = exchange();
        ex.begin(Optional.of(utf8(CLIENT_FIRST)));
        ex.secret(pencil());
        ex.step(utf8(CLIENT_FINAL));
        assertThat(failure(ex.step(utf8("x")))).isEqualTo(SaslStep.Kind.MALFORMED);
    }

    @Test
    void malformedClientFirst_fails() {
        String[] firsts = {
            "p=tls-unique,,n=user,r=abc",
            "x,,n=user,r=abc",
            "n,,r=abc,n=user",
            "n,,n=user",
            "n,,m=ext,n=user,r=abc",
            "n,,n=us=er,r=abc",
            "n,,n=,r=abc",
            "n,,n=user,r=",
            "n,a=other,n=user,r=abc",
            "n,,n=us\u0000er,r=abc",
            "n,,n=user,r=ab c",
        };
        for (String first : firsts) {
            assertThat(failure(exchange().begin(Optional.of(utf8(first)))))
                    .as(first)
                    .isEqualTo(SaslStep.Kind.MALFORMED);
        }
        assertThat(failure(exchange()
                        .begin(Optional.of(new byte[] {'n', ',', ',', 'n', '=', (byte) 0xc3, ',', 'r', '=', 'a'}))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(failure(exchange().begin(Optional.of(new byte[SaslInput.MAX_RESPONSE + 1]))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
    }

    @Test
    void saslNameEscapes_andMatchingAuthzid_areAccepted() {
        assertThat(exchange().begin(Optional.of(utf8("n,a=a=2Cb=3Dc,n=a=2Cb=3Dc,r=abc"))))
                .isEqualTo(new SaslStep.NeedSecret("a,b=c"));
        assertThat(exchange().begin(Optional.of(utf8("y,,n=user,r=abc")))).isEqualTo(new SaslStep.NeedSecret("user"));
    }

    /** PBKDF2 runs for a client-final message only, never for a client-first that is then cancelled. */
    @Test
    void derivation_runsAtClientFinal_neverAtClientFirst_orOnCancel() {
        java.util.List<Integer> derived = new java.util.ArrayList<>();
        ScramSha256Mechanism counting = new ScramSha256Mechanism((password, salt, iterations) -> {
            derived.add(iterations);
            return ScramCrypto.hi(password, salt, iterations);
        });
        SaslContext context = SaslMechanismsTest.context(
                "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), "h", 0);
        for (SecretResult secret : new SecretResult[] {pencil(), new SecretResult.Unknown()}) {
            SaslExchange cancelled = counting.start(context);
            cancelled.begin(Optional.of(utf8(CLIENT_FIRST)));
            assertThat(text(cancelled.secret(secret))).startsWith("r=");
            cancelled.cancel();
            assertThat(derived).as("after server-first and a cancel").isEmpty();
        }
        SaslExchange known = counting.start(context);
        known.begin(Optional.of(utf8(CLIENT_FIRST)));
        known.secret(pencil());
        assertThat(text(known.step(utf8(CLIENT_FINAL)))).isEqualTo(SERVER_FINAL);
        SaslExchange unknown = counting.start(context);
        unknown.begin(Optional.of(utf8(CLIENT_FIRST)));
        unknown.secret(new SecretResult.Unknown());
        assertThat(failure(unknown.step(utf8(CLIENT_FINAL)))).isEqualTo(SaslStep.Kind.REJECTED);
        SaslExchange wrongNonce = counting.start(context);
        wrongNonce.begin(Optional.of(utf8(CLIENT_FIRST)));
        wrongNonce.secret(pencil());
        assertThat(failure(wrongNonce.step(utf8(CLIENT_FINAL.replace("k0,p=", "k1,p=")))))
                .isEqualTo(SaslStep.Kind.MALFORMED);
        assertThat(derived)
                .as("one derivation per well-formed client-final, known or unknown user")
                .containsExactly(ScramSha256Mechanism.ITERATIONS, ScramSha256Mechanism.ITERATIONS);
    }
}
