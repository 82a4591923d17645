package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/**
 * UTF8 (RFC 6856 §2): the client will send UTF-8 user names and passwords and accepts UTF-8
 * messages. tanpopo reads every line as UTF-8 and never converts messages, so this only records it.
 */
public final class Utf8Command implements Command {

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() != 0) {
            return Reply.err("Syntax: UTF8");
        }
        session.utf8(true);
        return Reply.ok("UTF8 enabled");
    }
}
