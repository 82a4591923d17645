package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.MessageNumbers;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import io.tanpopo.pop3.protocol.ResponseCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RETR msg (RFC 1939 §5) and TOP msg n (RFC 1939 §7): stream a message, or its header and the first
 * n body lines. The message is opened here; the sender streams and closes it.
 */
public final class RetrCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(RetrCommand.class);

    private final boolean top;

    private RetrCommand(boolean top) {
        this.top = top;
    }

    public static RetrCommand retr() {
        return new RetrCommand(false);
    }

    public static RetrCommand top() {
        return new RetrCommand(true);
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() != (top ? 2 : 1)) {
            return Reply.err(top ? "Syntax: TOP msg n" : "Syntax: RETR msg");
        }
        MessageNumbers.Parsed parsed = MessageNumbers.parse(line.argument(0), session);
        if (!parsed.ok()) {
            return parsed.error();
        }
        long lines = top ? MessageNumbers.parseNumber(line.argument(1)) : -1;
        if (top && lines < 0) {
            return Reply.err("Invalid number of lines: not a non-negative number");
        }
        return open(session, parsed.index(), lines);
    }

    private Reply open(Pop3Session session, int index, long lines) {
        try {
            InputStream content = session.maildrop().openMessage(index);
            session.retrieved().set(index);
            String text = top
                    ? "Top of message follows"
                    : session.messages().get(index).size() + " octets";
            return Reply.ok(text, new ReplyBody.Message(content, lines));
        } catch (NoSuchFileException e) {
            LOG.warn("message {} vanished from the maildrop: {}", index + 1, e.getMessage());
            return Reply.err("Message " + (index + 1) + " is no longer available");
        } catch (IOException e) {
            LOG.warn("cannot read message {}", index + 1, e);
            return Reply.err(ResponseCode.SYS_TEMP, "Message " + (index + 1) + " cannot be read now");
        }
    }
}
