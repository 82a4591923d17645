package io.tanpopo.pop3.protocol.command;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.pop3.login.LoginAttempt;
import io.tanpopo.pop3.login.LoginFailure;
import io.tanpopo.pop3.protocol.LoginService;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.sasl.SaslExchange;
import io.tanpopo.pop3.sasl.SaslStep;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Runs a SASL exchange over POP3 (RFC 5034 §4): challenges go out as {@code + base64}, the
 * client's lines come back as responses ({@code *} cancels, {@code =} is an empty initial
 * response), and the terminal step becomes a login through {@link LoginService}.
 *
 * <p>Every way an exchange can end without a login is a failed login, logged with the mechanism
 * and the user the client named, and delayed like a wrong password: a cancel ({@code *}) as
 * {@link LoginFailure#ABORTED} (Dovecot likewise counts an aborted exchange as a failed
 * authentication attempt), broken base64 or a message that breaks the mechanism as
 * {@link LoginFailure#REJECTED}. So a client cannot loop exchanges for free.
 */
public final class SaslDialogue {

    private final Authenticator authenticator;
    private final LoginService login;

    public SaslDialogue(Authenticator authenticator, LoginService login) {
        this.authenticator = authenticator;
        this.login = login;
    }

    /** One exchange in progress: the mechanism, its state, and the user named so far. */
    private static final class Attempt {
        private final String mechanism;
        private final SaslExchange exchange;
        private String user;

        Attempt(String mechanism, SaslExchange exchange) {
            this.mechanism = mechanism;
            this.exchange = exchange;
        }

        LoginAttempt value() {
            return new LoginAttempt(mechanism, Optional.ofNullable(user));
        }
    }

    Reply begin(Pop3Session session, String mechanism, SaslExchange exchange, Optional<String> initial) {
        Attempt attempt = new Attempt(mechanism, exchange);
        Optional<byte[]> response = Optional.empty();
        if (initial.isPresent()) {
            response = Optional.ofNullable(decode(initial.get(), true));
            if (response.isEmpty()) {
                return fail(session, attempt, LoginFailure.REJECTED, "Invalid base64 in initial response");
            }
        }
        return advance(session, attempt, exchange.begin(response));
    }

    /** AUTH with a plaintext mechanism where passwords may not cross in the clear (a policy refusal). */
    Reply cleartextRefused(Pop3Session session, String mechanism, Reply reply) {
        return login.refuse(session, new LoginAttempt(mechanism, Optional.empty()), LoginFailure.POLICY, reply);
    }

    private Reply respond(Pop3Session session, Attempt attempt, String line) {
        if (line.equals("*")) {
            return fail(session, attempt, LoginFailure.ABORTED, "Authentication cancelled");
        }
        byte[] response = decode(line, false);
        if (response == null) {
            return fail(session, attempt, LoginFailure.REJECTED, "Invalid base64 in response");
        }
        return advance(session, attempt, attempt.exchange.step(response));
    }

    private Reply advance(Pop3Session session, Attempt attempt, SaslStep step) {
        while (step instanceof SaslStep.NeedSecret need) {
            attempt.user = need.user();
            step = attempt.exchange.secret(authenticator.secret(need.user()));
        }
        if (step instanceof SaslStep.Challenge challenge) {
            session.expectResponse((s, line) -> respond(s, attempt, line));
            return Reply.challenge(Base64.getEncoder().encodeToString(challenge.data()));
        }
        if (step instanceof SaslStep.Authenticate authenticate) {
            attempt.user = authenticate.user();
            return login.complete(session, attempt.value(), check(session, authenticate));
        }
        if (step instanceof SaslStep.Success success) {
            return login.complete(session, attempt.value(), AuthResult.accepted(success.account()));
        }
        SaslStep.Failure failure = (SaslStep.Failure) step;
        attempt.exchange.cancel();
        return switch (failure.kind()) {
            case MALFORMED -> fail(session, attempt, LoginFailure.REJECTED, "Invalid SASL response");
            case UNAVAILABLE -> login.complete(session, attempt.value(), new AuthResult.Unavailable(failure.detail()));
            case REJECTED -> login.complete(session, attempt.value(), AuthResult.rejected());
        };
    }

    private Reply fail(Pop3Session session, Attempt attempt, LoginFailure reason, String text) {
        attempt.exchange.cancel();
        return login.refuse(session, attempt.value(), reason, Reply.err(text));
    }

    private AuthResult check(Pop3Session session, SaslStep.Authenticate authenticate) {
        try {
            return authenticator.authenticate(new LoginRequest(
                    authenticate.user(), authenticate.password(), session.apopStamp(), session.connection()));
        } finally {
            Arrays.fill(authenticate.password(), (byte) 0);
        }
    }

    /** Base64 as RFC 5034 §4 allows it; {@code =} alone is an empty initial response. Null when invalid. */
    private static byte[] decode(String text, boolean initial) {
        if (initial && text.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
