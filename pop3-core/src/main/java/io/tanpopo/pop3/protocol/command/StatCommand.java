package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/** STAT (RFC 1939 §5): count and octets of the messages not marked deleted. */
public final class StatCommand implements Command {

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() != 0) {
            return Reply.err("Syntax: STAT");
        }
        long[] stat = session.liveCountAndSize();
        return Reply.ok(stat[0] + " " + stat[1]);
    }
}
