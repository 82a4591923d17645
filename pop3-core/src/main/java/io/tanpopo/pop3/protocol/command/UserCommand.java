package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.login.LoginAttempt;
import io.tanpopo.pop3.login.LoginFailure;
import io.tanpopo.pop3.login.UserNames;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.LoginService;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ResponseCode;
import java.util.Optional;

/**
 * USER name (RFC 1939 §7). Always {@code +OK} for a well-formed name, known or not, so that the
 * reply never tells which users exist; PASS decides.
 */
public final class UserCommand implements Command {

    private final Cleartext cleartext;
    private final LoginService login;

    public UserCommand(Cleartext cleartext, LoginService login) {
        this.cleartext = cleartext;
        this.login = login;
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        String name = line.rest();
        if (!cleartext.allows(session.connection())) {
            LoginAttempt attempt =
                    new LoginAttempt(PassCommand.METHOD, Optional.of(name).filter(n -> !n.isEmpty()));
            return login.refuse(
                    session, attempt, LoginFailure.POLICY, Reply.err(ResponseCode.AUTH, PassCommand.CLEARTEXT_REFUSED));
        }
        if (!UserNames.isAcceptable(name)) {
            session.pendingUser(null);
            return Reply.err("Syntax: USER name");
        }
        session.pendingUser(name);
        return Reply.ok("Send PASS");
    }
}
