package io.tanpopo.testkit;

import java.util.Locale;
import java.util.Objects;

/**
 * One command and the status line of its reply, as seen on the wire (secrets masked).
 *
 * @param command the command line, masked ({@code PASS ***})
 * @param reply the reply's status line, e.g. {@code +OK 2 320}, or {@code (connection dropped)}
 * @param secure whether the connection was under TLS when the command arrived
 */
public record Exchange(String command, String reply, boolean secure) {

    public Exchange {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(reply, "reply");
    }

    /** The command keyword in upper case, e.g. {@code RETR}. */
    public String keyword() {
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** Whether the reply was {@code +OK}. */
    public boolean ok() {
        return reply.startsWith("+OK");
    }

    @Override
    public String toString() {
        return "C: " + command + "\nS: " + reply;
    }
}
