package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/**
 * STLS (RFC 2595 §4): only in AUTHORIZATION, only once. After the reply the driver discards
 * anything the client sent before the handshake, so no command can be smuggled into the TLS session
 * (the class of bug of CVE-2011-0411).
 */
public final class StlsCommand implements Command {

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() != 0) {
            return Reply.err("Syntax: STLS");
        }
        if (session.connection().secure()) {
            return Reply.err("Command not permitted when TLS active");
        }
        return Reply.ok("Begin TLS negotiation").then(Reply.After.START_TLS);
    }
}
