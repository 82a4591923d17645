package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/** RSET (RFC 1939 §5): unmarks every message marked deleted. One reply, unlike some servers. */
public final class RsetCommand implements Command {

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() != 0) {
            return Reply.err("Syntax: RSET");
        }
        session.deleted().clear();
        long[] stat = session.liveCountAndSize();
        return Reply.ok("Maildrop has " + stat[0] + " messages (" + stat[1] + " octets)");
    }
}
