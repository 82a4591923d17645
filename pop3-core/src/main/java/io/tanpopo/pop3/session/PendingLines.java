package io.tanpopo.pop3.session;

import java.util.ArrayDeque;

/**
 * The command lines a session has received but not yet run, bounded in bytes: once the lines
 * waiting cost the bound, the transport stops reading (TCP back-pressure) until half of that has
 * run, so a pipelined burst or a flood during a failed login's delay costs bounded memory (RFC 2449
 * §6.6 lets the server pace the client). Not thread-safe: the session driver guards it with its own
 * lock.
 */
final class PendingLines {

    /**
     * What a queued input costs besides its text: the line record, the string and its array headers
     * and the deque's slot, rounded up; a line of nothing costs this much.
     */
    static final int ITEM_OVERHEAD = 64;
    /**
     * The bound before login: a client needs a few lines there (RFC 1939 §7); a flood gets
     * back-pressure.
     */
    static final long BEFORE_LOGIN = 8 * 1024;
    /** The bound after login, room for a pipelining client's burst of commands (RFC 2449 §6.6). */
    static final long LOGGED_IN = 64 * 1024;

    private final ArrayDeque<Input> inputs = new ArrayDeque<>();

    private long queued;
    private long peak;
    private boolean full;

    private long bound = BEFORE_LOGIN;

    /**
     * What a line of {@code octets} on the wire holds while queued: its characters take up to two
     * bytes each (a string with a character beyond Latin-1 is stored in UTF-16).
     */
    static int cost(int octets) {
        return ITEM_OVERHEAD + 2 * octets;
    }

    /**
     * The session logged in: the bound is {@link #LOGGED_IN} from the next line on. Returns true the
     * first time only.
     */
    boolean loggedIn() {
        if (bound == LOGGED_IN) {
            return false;
        }
        bound = LOGGED_IN;
        return true;
    }

    /** Queues {@code input}; returns whether there is room for more (false: stop reading). */
    boolean add(Input input) {
        inputs.add(input);
        queued += input.cost();
        peak = Math.max(peak, queued);
        if (queued >= bound) {
            full = true;
        }
        return !full;
    }

    /** The next input without taking it, or null. */
    Input peek() {
        return inputs.peek();
    }

    /** Takes the next input; returns true when reading should resume (the backlog is down to half). */
    boolean take() {
        Input input = inputs.poll();
        if (input != null) {
            queued -= input.cost();
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

    /** Drops every input; reading resumes if it was stopped (returns true then). */
    boolean clear() {
        inputs.clear();
        queued = 0;
        boolean wasFull = full;
        full = false;
        return wasFull;
    }
}
