package io.tanpopo.pop3.login;

import io.tanpopo.pop3.config.Limits;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters behind {@link Limits}: connections in total and per client address, logged-in
 * sessions per user. One per server. The maps hold only addresses and users with something open
 * (an entry is removed when its count reaches 0), so they are bounded by the open connections.
 * "Per address" means per {@link AddressBuckets} bucket: IPv6 clients count by network
 * ({@code limits.ipv6-prefix}), clients whose address is unknown all in one bucket.
 */
public final class SessionLimits {

    private final Limits limits;
    private final AddressBuckets buckets;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Map<String, Integer> perUser = new HashMap<>();
    private int connections;

    public SessionLimits(Limits limits) {
        this.limits = limits;
        this.buckets = new AddressBuckets(limits.ipv6Prefix());
    }

    /** Counts a new connection from {@code client}; false (and nothing counted) when over a limit. */
    public synchronized boolean tryConnect(InetAddress client) {
        InetAddress bucket = buckets.of(client);
        int fromClient = perAddress.getOrDefault(bucket, 0);
        if (over(connections, limits.connections()) || over(fromClient, limits.connectionsPerIp())) {
            return false;
        }
        connections++;
        perAddress.put(bucket, fromClient + 1);
        return true;
    }

    /** A connection counted by {@link #tryConnect} ended. */
    public synchronized void disconnected(InetAddress client) {
        connections--;
        perAddress.computeIfPresent(buckets.of(client), (a, n) -> n <= 1 ? null : n - 1);
        notifyAll();
    }

    /** Counts a login of {@code user}; false (and nothing counted) when the user has too many sessions. */
    public synchronized boolean tryLogin(String user) {
        int sessions = perUser.getOrDefault(user, 0);
        if (over(sessions, limits.sessionsPerUser())) {
            return false;
        }
        perUser.put(user, sessions + 1);
        return true;
    }

    /** A session counted by {@link #tryLogin} ended (or its login failed after all). */
    public synchronized void loggedOut(String user) {
        perUser.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
    }

    /** How client addresses are counted, shared with the failed-login throttle. */
    public AddressBuckets buckets() {
        return buckets;
    }

    public synchronized int connections() {
        return connections;
    }

    /** Addresses and users tracked, to show that the maps shrink back. */
    public synchronized int tracked() {
        return perAddress.size() + perUser.size();
    }

    /** Waits until no connection is open, at most {@code timeout}; true if none is. */
    public synchronized boolean awaitNoConnections(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private static boolean over(int count, int limit) {
        return limit > 0 && count >= limit;
    }
}
