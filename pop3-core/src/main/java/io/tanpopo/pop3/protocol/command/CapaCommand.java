package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Capabilities;
import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/** CAPA (RFC 2449 §5): the capabilities valid in the session's current state. */
public final class CapaCommand implements Command {

    private final Capabilities capabilities;

    public CapaCommand(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        return line.argumentCount() == 0
                ? Reply.ok("Capability list follows", capabilities.lines(session))
                : Reply.err("Syntax: CAPA");
    }
}
