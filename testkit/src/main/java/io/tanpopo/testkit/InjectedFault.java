package io.tanpopo.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * A fault that was injected, for the test's report and for replaying a seeded random run.
 *
 * @param session the session id (as in {@link Transcript#id()})
 * @param user the session's user, when known
 * @param command the command keyword that was hit
 * @param occurrence which matching occurrence it was (from 1)
 * @param fault what happened
 */
public record InjectedFault(String session, Optional<String> user, String command, int occurrence, Fault fault) {

    public InjectedFault {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(fault, "fault");
    }
}
