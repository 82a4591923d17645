package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;

/** QUIT in the AUTHORIZATION state (RFC 1939 §6): nothing to commit, just goodbye. */
public final class QuitCommand implements Command {

    private final String hostname;

    public QuitCommand(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        return Reply.ok(hostname + " POP3 server signing off").then(Reply.After.CLOSE);
    }
}
