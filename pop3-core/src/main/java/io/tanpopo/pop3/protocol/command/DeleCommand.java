package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.MessageNumbers;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/** DELE msg (RFC 1939 §5): marks a message deleted; only QUIT removes it. */
public final class DeleCommand implements Command {

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() != 1) {
            return Reply.err("Syntax: DELE msg");
        }
        MessageNumbers.Parsed parsed = MessageNumbers.parse(line.argument(0), session);
        if (!parsed.ok()) {
            return parsed.error();
        }
        session.deleted().set(parsed.index());
        return Reply.ok("Message " + (parsed.index() + 1) + " deleted");
    }
}
