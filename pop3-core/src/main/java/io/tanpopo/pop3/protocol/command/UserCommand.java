package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.ProtocolContext;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ResponseCode;
import io.tanpopo.pop3.protocol.UserNames;

/**
 * USER name (RFC 1939 §7). Always {@code +OK} for a well-formed name, known or not, so that the
 * reply never tells which users exist; PASS decides.
 */
public final class UserCommand implements Command {

    private final ProtocolContext context;

    public UserCommand(ProtocolContext context) {
        this.context = context;
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (!context.allowsCleartext(session)) {
            return Reply.err(ResponseCode.AUTH, PassCommand.CLEARTEXT_REFUSED);
        }
        String name = line.rest();
        if (!UserNames.isAcceptable(name)) {
            session.pendingUser(null);
            return Reply.err("Syntax: USER name");
        }
        session.pendingUser(name);
        return Reply.ok("Send PASS");
    }
}
