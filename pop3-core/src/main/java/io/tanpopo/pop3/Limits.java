package io.tanpopo.pop3;

/**
 * Bounds on what clients may hold at once (STYLE.md §7: bound everything a client controls).
 * 0 means no limit. Each field's property key is named in its validation message.
 *
 * @param connections connections open at once ({@code limits.connections}); one over it is answered
 *     {@code -ERR [SYS/TEMP] Too many connections} (RFC 3206 §5) instead of the greeting, and closed
 * @param connectionsPerIp connections open at once from one client address
 *     ({@code limits.connections-per-ip}), answered the same way
 * @param sessionsPerUser logged-in sessions of one user at once ({@code limits.sessions-per-user});
 *     one more login is answered {@code -ERR [IN-USE]} (RFC 2449 §8.1.1)
 */
public record Limits(int connections, int connectionsPerIp, int sessionsPerUser) {

    private static final Limits NONE = new Limits(0, 0, 0);

    public Limits {
        require(connections >= 0, "limits.connections must not be negative, not " + connections);
        require(connectionsPerIp >= 0, "limits.connections-per-ip must not be negative, not " + connectionsPerIp);
        require(sessionsPerUser >= 0, "limits.sessions-per-user must not be negative, not " + sessionsPerUser);
    }

    /** No limits at all: what embedded test servers use. */
    public static Limits none() {
        return NONE;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
