package io.tanpopo.pop3.session;

import java.util.ArrayDeque;
import java.util.function.ToIntFunction;

/**
 * The lines a session has received but not yet run, bounded in bytes: once the lines waiting cost
 * the bound, the transport stops reading (TCP back-pressure) until half of that has run, so a
 * pipelined burst or a flood during a failed login's delay costs bounded memory (RFC 2449 §6.6 lets
 * the server pace the client). Not thread-safe: the session driver guards it with its own lock.
 */
final class Inbox {

    /**
     * What a queued item costs besides its text: the line record, the string and its array headers
     * and the deque's slot, rounded up; a line of nothing costs this much.
     */
    static final int ITEM_OVERHEAD = 64;

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    /** What an item costs; asked again when it is taken, so no cost is stored beside it. */
    private final ToIntFunction<Object> costOf;

    private long bound;
    private long queued;
    private long peak;
    private boolean full;

    Inbox(ToIntFunction<Object> costOf, long bound) {
        this.costOf = costOf;
        this.bound = bound;
    }

    /**
     * What a line of {@code octets} on the wire holds while queued: its characters take up to two
     * bytes each (a string with a character beyond Latin-1 is stored in UTF-16).
     */
    static int cost(int octets) {
        return ITEM_OVERHEAD + 2 * octets;
    }

    /** Sets the bound, in bytes; it applies from the next line on. */
    void bound(long bytes) {
        this.bound = bytes;
    }

    /** Queues {@code item}; returns whether there is room for more (false: stop reading). */
    boolean add(Object item) {
        items.add(item);
        queued += costOf.applyAsInt(item);
        peak = Math.max(peak, queued);
        if (queued >= bound) {
            full = true;
        }
        return !full;
    }

    /** The next item without taking it, or null. */
    Object peek() {
        return items.peek();
    }

    /** Takes the next item; returns true when reading should resume (the backlog is down to half). */
    boolean take() {
        Object item = items.poll();
        if (item != null) {
            queued -= costOf.applyAsInt(item);
        }
        if (full && queued <= bound / 2) {
            full = false;
            return true;
        }
        return false;
    }

    /** Whether the last line filled the bound and reading waits for the backlog to run. */
    boolean full() {
        return full;
    }

    /** Bytes queued now. */
    long queued() {
        return queued;
    }

    /** The most bytes ever queued at once. */
    long peak() {
        return peak;
    }

    /** Drops every item; reading resumes if it was stopped (returns true then). */
    boolean clear() {
        items.clear();
        queued = 0;
        boolean wasFull = full;
        full = false;
        return wasFull;
    }
}
