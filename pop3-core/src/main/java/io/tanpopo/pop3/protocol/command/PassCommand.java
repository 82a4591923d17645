package io.tanpopo.pop3.protocol.command;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.login.LoginAttempt;
import io.tanpopo.pop3.login.LoginFailure;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.LoginService;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PASS string (RFC 1939 §7): checks the password of the name given by USER. The password is the
 * rest of the line, spaces included; its bytes are wiped once the authenticator has answered.
 */
public final class PassCommand implements Command {

    /** As Dovecot says it, so that clients which recognise it react the same way. */
    /** USER/PASS in the failed-login log line. */
    static final String METHOD = "USER";

    static final String CLEARTEXT_REFUSED = "Plaintext authentication disallowed on non-secure (SSL/TLS) connections";

    private final Authenticator authenticator;
    private final Cleartext cleartext;
    private final LoginService login;

    public PassCommand(Authenticator authenticator, Cleartext cleartext, LoginService login) {
        this.authenticator = authenticator;
        this.cleartext = cleartext;
        this.login = login;
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (!cleartext.allows(session.connection())) {
            return login.refuse(
                    session,
                    new LoginAttempt(METHOD, session.pendingUser()),
                    LoginFailure.POLICY,
                    Reply.err(ResponseCode.AUTH, CLEARTEXT_REFUSED));
        }
        if (session.pendingUser().isEmpty()) {
            return Reply.err("Send USER first");
        }
        String user = session.pendingUser().get();
        session.pendingUser(null);
        byte[] password = line.rest().getBytes(StandardCharsets.UTF_8);
        AuthResult result;
        try {
            result = authenticator.authenticate(
                    new LoginRequest(user, password, session.apopStamp(), session.connection()));
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        return login.complete(session, LoginAttempt.of(METHOD, user), result);
    }
}
