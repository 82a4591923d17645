package io.tanpopo.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Waiting for the server to see something, with an explicit timeout and a failure message that
 * says what was awaited and shows every session so far. Returns at once when it already happened;
 * otherwise wakes when a session changes (no polling, no sleeps).
 *
 * <pre>{@code
 * client.start();                                    // a client on another thread
 * kit.await().retrieved("alice", 1, Duration.ofSeconds(5));
 * }</pre>
 */
public final class Awaits {

    private final TranscriptRecorder recorder;

    Awaits(TranscriptRecorder recorder) {
        this.recorder = recorder;
    }

    /** Until {@code user} has logged in. */
    public Transcript login(String user, Duration timeout) {
        return until(user + " to log in", t -> t.user().filter(user::equals).isPresent(), timeout);
    }

    /** Until {@code user} retrieved message {@code number} with RETR. */
    public Transcript retrieved(String user, int number, Duration timeout) {
        return until(
                user + " to retrieve message " + number,
                t -> ofUser(t, user) && t.retrieved().contains(number),
                timeout);
    }

    /** Until {@code user} marked message {@code number} deleted with DELE. */
    public Transcript deleted(String user, int number, Duration timeout) {
        return until(
                user + " to delete message " + number,
                t -> ofUser(t, user) && t.deleted().contains(number),
                timeout);
    }

    /** Until a session of {@code user} committed its deletions with QUIT. */
    public Transcript committed(String user, Duration timeout) {
        return until(user + " to QUIT and commit", t -> ofUser(t, user) && t.committed(), timeout);
    }

    /** Until a session of {@code user} has ended, however it ended. */
    public Transcript closed(String user, Duration timeout) {
        return until(
                "a session of " + user + " to close",
                t -> ofUser(t, user) && t.ended().isPresent(),
                timeout);
    }

    /** Until any session has ended. */
    public Transcript anySessionClosed(Duration timeout) {
        return until("a session to close", t -> t.ended().isPresent(), timeout);
    }

    /** Until some session satisfies {@code condition}, described as {@code what} in the failure message. */
    public Transcript until(String what, Predicate<Transcript> condition, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeout must be 0 to 10 minutes, not " + timeout);
        }
        return recorder.await(what, condition, timeout);
    }

    private static boolean ofUser(Transcript transcript, String user) {
        return transcript.user().filter(user::equals).isPresent();
    }
}
