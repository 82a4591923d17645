package io.tanpopo.pop3.protocol.command;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.MessageNumbers;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * LIST [msg] (RFC 1939 §5) and, with another column, UIDL [msg] (RFC 1939 §7): one scan line per
 * message not marked deleted, or the line of one message.
 */
public final class ListCommand implements Command {

    private final String name;
    private final Pop3SessionColumns columns;

    private ListCommand(String name, Pop3SessionColumns columns) {
        this.name = name;
        this.columns = columns;
    }

    /** LIST: the second column is the exact size in octets. */
    public static ListCommand list() {
        return new ListCommand(
                "LIST",
                (session, index) -> String.valueOf(session.messages().get(index).size()));
    }

    /** UIDL: the second column is the unique-id. */
    public static ListCommand uidl() {
        return new ListCommand(
                "UIDL", (session, index) -> session.messages().get(index).uid());
    }

    @Override
    public Reply execute(Pop3Session session, CommandLine line) {
        if (line.argumentCount() > 1) {
            return Reply.err("Syntax: " + name + " [msg]");
        }
        if (line.argumentCount() == 1) {
            MessageNumbers.Parsed parsed = MessageNumbers.parse(line.argument(0), session);
            return parsed.ok()
                    ? Reply.ok((parsed.index() + 1) + " " + columns.value(session, parsed.index()))
                    : parsed.error();
        }
        int count = session.messages().size();
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addLine(lines, session, i);
        }
        long[] stat = session.liveCountAndSize();
        return Reply.ok(stat[0] + " messages (" + stat[1] + " octets)", lines);
    }

    /**
     * The scan line of message {@code index}, unless it is marked deleted. A method per line: the
     * listing of a big maildrop is 100,000 lines, which a compiled method serves sooner than a loop
     * body the interpreter runs until on-stack replacement.
     */
    private void addLine(List<String> lines, Pop3Session session, int index) {
        if (!session.isDeleted(index)) {
            lines.add((index + 1) + " " + columns.value(session, index));
        }
    }

    /** The second column of a scan listing. */
    @FunctionalInterface
    private interface Pop3SessionColumns {
        String value(Pop3Session session, int index);
    }
}
