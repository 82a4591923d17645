package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/** NOOP (RFC 1939 §5). */
public final class NoopCommand implements Command {

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        return line.argumentCount() == 0 ? Reply.ok("") : Reply.err("Syntax: NOOP");
    }
}
