package io.tanpopo.pop3.protocol.command;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.pop3.protocol.LoginService;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.ProtocolContext;
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
 */
public final class SaslDialogue {

    private final ProtocolContext context;
    private final LoginService login;

    public SaslDialogue(ProtocolContext context, LoginService login) {
        this.context = context;
        this.login = login;
    }

    Reply begin(Pop3Session session, SaslExchange exchange, Optional<String> initial) {
        Optional<byte[]> response = Optional.empty();
        if (initial.isPresent()) {
            response = Optional.ofNullable(decode(initial.get(), true));
            if (response.isEmpty()) {
                return Reply.err("Invalid base64 in initial response");
            }
        }
        return advance(session, exchange, exchange.begin(response));
    }

    private Reply respond(Pop3Session session, SaslExchange exchange, String line) {
        if (line.equals("*")) {
            return Reply.err("Authentication cancelled");
        }
        byte[] response = decode(line, false);
        if (response == null) {
            return Reply.err("Invalid base64 in response");
        }
        return advance(session, exchange, exchange.step(response));
    }

    private Reply advance(Pop3Session session, SaslExchange exchange, SaslStep step) {
        while (step instanceof SaslStep.NeedSecret need) {
            step = exchange.secret(context.authenticator().secret(need.user()));
        }
        if (step instanceof SaslStep.Challenge challenge) {
            session.expectResponse((s, line) -> respond(s, exchange, line));
            return Reply.challenge(Base64.getEncoder().encodeToString(challenge.data()));
        }
        if (step instanceof SaslStep.Authenticate authenticate) {
            return login.complete(session, check(session, authenticate));
        }
        if (step instanceof SaslStep.Success success) {
            return login.complete(session, AuthResult.accepted(success.account()));
        }
        SaslStep.Failure failure = (SaslStep.Failure) step;
        return switch (failure.kind()) {
            case MALFORMED -> Reply.err("Invalid SASL response");
            case UNAVAILABLE -> login.complete(session, new AuthResult.Unavailable(failure.detail()));
            case REJECTED -> login.complete(session, AuthResult.rejected());
        };
    }

    private AuthResult check(Pop3Session session, SaslStep.Authenticate authenticate) {
        try {
            return context.authenticator().authenticate(new LoginRequest(authenticate.user(),
                    authenticate.password(), session.apopStamp(), session.connection()));
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
