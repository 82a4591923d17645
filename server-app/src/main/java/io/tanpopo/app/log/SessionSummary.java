package io.tanpopo.app.log;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one session did, for its summary line. Holds no secret: the user name, never a password or
 * a SASL response.
 *
 * @param session the session id (as in the other log lines)
 * @param user the account that logged in, if any
 * @param client the client's address (the proxied one behind a PROXY header) and port, or {@code unknown}
 *     when a PROXY header named none
 * @param clientName the client's name, when the resolver had it
 * @param retrieved messages retrieved with RETR, and their octets
 * @param retrievedOctets the sizes of those messages as on the wire
 * @param deleted messages marked deleted (removed only when {@code how} is {@code quit})
 * @param duration from accept to close
 * @param how how it ended: quit, idle timeout, closed, refused: ...
 */
public record SessionSummary(
        String session,
        Optional<String> user,
        String client,
        Optional<String> clientName,
        int retrieved,
        long retrievedOctets,
        int deleted,
        Duration duration,
        String how) {

    public SessionSummary {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(how, "how");
    }

    /** {@code key=value} pairs, values with spaces quoted. */
    public String text() {
        return "session=" + session + " user=" + quoted(user.orElse("-")) + " client=" + client
                + " name=" + quoted(clientName.orElse("-")) + " retrieved=" + retrieved + " octets=" + retrievedOctets
                + " deleted=" + deleted + " duration_ms=" + duration.toMillis() + " end=" + quoted(how);
    }

    /** One JSON object on one line. */
    public String json() {
        return "{\"session\":" + string(session) + ",\"user\":"
                + user.map(SessionSummary::string).orElse("null")
                + ",\"client\":" + string(client) + ",\"name\":"
                + clientName.map(SessionSummary::string).orElse("null")
                + ",\"retrieved\":" + retrieved + ",\"octets\":" + retrievedOctets + ",\"deleted\":" + deleted
                + ",\"duration_ms\":" + duration.toMillis() + ",\"end\":" + string(how) + "}";
    }

    private static String quoted(String value) {
        return value.matches("[!-~]+") && value.indexOf('"') < 0 ? value : string(value);
    }

    /** A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
