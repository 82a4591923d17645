package io.tanpopo.pop3.config;

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
 * @param ipv6Prefix how many leading bits of an IPv6 address make one client for the per-address
 *     limit and the failed-login throttle ({@code limits.ipv6-prefix}, 1 to 128, default 64); see
 *     {@code io.tanpopo.pop3.login.AddressBuckets}
 */
public record Limits(int connections, int connectionsPerIp, int sessionsPerUser, int ipv6Prefix) {

    /** IPv6 clients counted per /64 unless {@code limits.ipv6-prefix} says otherwise. */
    public static final int DEFAULT_IPV6_PREFIX = 64;

    private static final Limits NONE = new Limits(0, 0, 0);

    public Limits {
        require(connections >= 0, "limits.connections must not be negative, not " + connections);
        require(connectionsPerIp >= 0, "limits.connections-per-ip must not be negative, not " + connectionsPerIp);
        require(sessionsPerUser >= 0, "limits.sessions-per-user must not be negative, not " + sessionsPerUser);
        require(ipv6Prefix >= 1 && ipv6Prefix <= 128, "limits.ipv6-prefix must be 1 to 128, not " + ipv6Prefix);
    }

    /** Limits with IPv6 clients counted per /64. */
    public Limits(int connections, int connectionsPerIp, int sessionsPerUser) {
        this(connections, connectionsPerIp, sessionsPerUser, DEFAULT_IPV6_PREFIX);
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
