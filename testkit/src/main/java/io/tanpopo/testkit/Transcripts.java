package io.tanpopo.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A snapshot of recorded sessions, oldest first, to filter and pick from. The transcripts in it
 * are live: a session still running keeps adding to its transcript.
 */
public final class Transcripts {

    private final List<Transcript> sessions;
    private final String description;

    Transcripts(List<Transcript> sessions, String description) {
        this.sessions = List.copyOf(sessions);
        this.description = description;
    }

    public List<Transcript> all() {
        return sessions;
    }

    public int size() {
        return sessions.size();
    }

    public boolean isEmpty() {
        return sessions.isEmpty();
    }

    /** The sessions in which {@code user} logged in. */
    public Transcripts forUser(String user) {
        return new Transcripts(
                sessions.stream()
                        .filter(t -> t.user().filter(user::equals).isPresent())
                        .toList(),
                "sessions of " + user);
    }

    /** The sessions that have ended. */
    public Transcripts ended() {
        return new Transcripts(
                sessions.stream().filter(t -> t.ended().isPresent()).toList(), "ended " + description);
    }

    /** The first session; fails when there is none. */
    public Transcript first() {
        return pick(0);
    }

    /** The latest session; fails when there is none. */
    public Transcript last() {
        return pick(sessions.size() - 1);
    }

    /** The only session; fails when there are none or several. */
    public Transcript only() {
        if (sessions.size() != 1) {
            throw new AssertionError(
                    "Expected exactly one of " + description + ", found " + sessions.size() + ":\n" + this);
        }
        return sessions.get(0);
    }

    private Transcript pick(int index) {
        if (sessions.isEmpty()) {
            throw new AssertionError("Expected " + description + ", but there were none");
        }
        return sessions.get(index);
    }

    @Override
    public String toString() {
        return sessions.stream().map(Transcript::toString).collect(Collectors.joining("\n\n"));
    }
}
