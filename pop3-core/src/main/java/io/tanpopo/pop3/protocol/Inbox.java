package io.tanpopo.pop3.protocol;

import java.util.ArrayDeque;

/**
 * The lines a session has received but not yet run, bounded: when {@value #MAX_QUEUED} are waiting
 * (a client pipelining far ahead), the transport stops reading until half of them have run, so a
 * pipelined burst costs bounded memory (RFC 2449 §6.6 lets the server pace the client). Not
 * thread-safe: the session driver guards it with its own lock.
 */
final class Inbox {

    private static final int MAX_QUEUED = 256;

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final Connection connection;
    private boolean suspended;

    Inbox(Connection connection) {
        this.connection = connection;
    }

    void add(Object item) {
        items.add(item);
        if (!suspended && items.size() >= MAX_QUEUED) {
            suspended = true;
            connection.suspendInput();
        }
    }

    /** The next item without taking it, or null. */
    Object peek() {
        return items.peek();
    }

    /** Takes the next item; resumes reading once the backlog is down to half. */
    Object take() {
        Object item = items.poll();
        if (suspended && items.size() <= MAX_QUEUED / 2) {
            suspended = false;
            connection.resumeInput();
        }
        return item;
    }

    void clear() {
        items.clear();
    }
}
