package io.tanpopo.pop3.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions of each user that hold, or are about to hold, the user's maildrop on this server,
 * for {@code store.maildir.lock=takeover}. A login that authenticated {@linkplain #claim claims}
 * the maildrop: every older session of the user is ended as a dropped connection (it commits
 * nothing, RFC 1939 §6), except one whose QUIT is already committing, which finishes first; an
 * older claim still waiting gives up. The login then {@linkplain Claim#await waits}, bounded,
 * until they have all released the maildrop, so that it opens the maildrop only after them and
 * sees what a commit removed. One per server; its map holds only users with a session in it.
 */
public final class UserSessions {

    private enum State {
        CLAIMING,
        HOLDING,
        COMMITTING,
        ENDED,
        RELEASED
    }

    private final Map<String, List<Tenure>> byUser = new HashMap<>();

    /**
     * Claims {@code user}'s maildrop for a session that {@code end} ends (null: cannot be ended)
     * when a later login claims it in turn. Older sessions are ended here, on the caller's thread,
     * outside the lock.
     */
    public Claim claim(String user, Runnable end) {
        List<Tenure> older;
        List<Tenure> toEnd = new ArrayList<>();
        Tenure tenure = new Tenure(user, end);
        synchronized (this) {
            List<Tenure> sessions = byUser.computeIfAbsent(user, u -> new ArrayList<>(2));
            older = List.copyOf(sessions);
            for (Tenure other : older) {
                if (other.state == State.HOLDING) {
                    toEnd.add(other);
                }
                if (other.state == State.HOLDING || other.state == State.CLAIMING) {
                    other.state = State.ENDED; // a COMMITTING one finishes its QUIT
                }
            }
            sessions.add(tenure);
            notifyAll(); // a waiting older claim gives up
        }
        for (Tenure other : toEnd) {
            if (other.end != null) { // a session without a transport (unit tests) cannot be ended
                other.end.run();
            }
        }
        return new Claim(tenure, older);
    }

    private synchronized void release(Tenure tenure) {
        tenure.state = State.RELEASED;
        List<Tenure> sessions = byUser.get(tenure.user);
        if (sessions != null && sessions.remove(tenure) && sessions.isEmpty()) {
            byUser.remove(tenure.user);
        }
        notifyAll();
    }

    /** A login's claim, and the older sessions it waits for. */
    public final class Claim {
        private final Tenure tenure;
        private final List<Tenure> older;

        private Claim(Tenure tenure, List<Tenure> older) {
            this.tenure = tenure;
            this.older = older;
        }

        public Tenure tenure() {
            return tenure;
        }

        /**
         * Waits until every older session has released the maildrop, at most {@code bound}; false
         * when it did not happen in time, or when a newer login claimed the maildrop meanwhile.
         */
        public boolean await(Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            synchronized (UserSessions.this) {
                while (tenure.state == State.CLAIMING && !older.stream().allMatch(t -> t.state == State.RELEASED)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    UserSessions.this.wait(Math.max(1, left / 1_000_000));
                }
                return tenure.state == State.CLAIMING;
            }
        }

        /** The maildrop is open: the session holds it; false when a newer login claimed it meanwhile. */
        public boolean hold() {
            synchronized (UserSessions.this) {
                if (tenure.state != State.CLAIMING) {
                    return false;
                }
                tenure.state = State.HOLDING;
                return true;
            }
        }
    }

    /** One session's place in the registry, from its claim until it released the maildrop. */
    public final class Tenure {
        private final String user;
        private final Runnable end;
        private State state = State.CLAIMING;

        private Tenure(String user, Runnable end) {
            this.user = user;
            this.end = end;
        }

        /**
         * QUIT is about to commit: true, and a later login waits for the commit instead of ending
         * this session; false when a newer login already ended it, which then commits nothing.
         */
        public boolean beginCommit() {
            synchronized (UserSessions.this) {
                if (state != State.HOLDING) {
                    return false;
                }
                state = State.COMMITTING;
                return true;
            }
        }

        /** The session released its maildrop (or its login gave up): it leaves the registry. */
        public void release() {
            UserSessions.this.release(this);
        }
    }
}
