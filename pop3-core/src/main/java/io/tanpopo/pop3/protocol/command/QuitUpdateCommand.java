package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ResponseCode;
import io.tanpopo.store.CommitResult;
import io.tanpopo.store.Maildrop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUIT in the TRANSACTION state (RFC 1939 §6): enters UPDATE, removes the messages marked deleted,
 * and closes. The only command that changes the maildrop.
 */
public final class QuitUpdateCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(QuitUpdateCommand.class);

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (!session.mayCommit()) {
            // A newer login of this user took the maildrop over just before: like a dropped
            // connection, this session commits nothing (store.maildir.lock=takeover).
            session.close().ifPresent(Maildrop::close);
            return Reply.err(ResponseCode.IN_USE, "Session taken over by a newer login, nothing deleted")
                    .then(Reply.After.CLOSE);
        }
        CommitResult result;
        try {
            result = session.maildrop().commit(session.deleted(), session.retrieved());
        } catch (RuntimeException e) {
            LOG.error("commit failed", e);
            result = new CommitResult.Failed("commit threw " + e);
        }
        // Unlock before the reply leaves, so a client that reconnects at once finds the maildrop free.
        session.close().ifPresent(Maildrop::close);
        if (result instanceof CommitResult.Committed committed) {
            return Reply.ok("Logging out, " + committed.deleted() + " messages deleted")
                    .then(Reply.After.CLOSE);
        }
        LOG.warn("commit incomplete: {}", ((CommitResult.Failed) result).reason());
        return Reply.err(ResponseCode.SYS_TEMP, "Some deleted messages not removed")
                .then(Reply.After.CLOSE);
    }
}
