package io.tanpopo.testkit;

import io.tanpopo.pop3.protocol.ResponseCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a fault goes, chosen step by step: {@code faults.on("RETR").forUser("alice").occurrence(2)},
 * then what it does, e.g. {@code .dropMidBody(100)}, which adds the rule. Immutable.
 */
public final class FaultTarget {

    private final Faults faults;
    private final String command;
    private final Optional<String> user;
    private final int occurrence;

    FaultTarget(Faults faults, String command, Optional<String> user, int occurrence) {
        this.faults = faults;
        this.command = Objects.requireNonNull(command, "command");
        this.user = user;
        this.occurrence = occurrence;
    }

    /** Only sessions of {@code name}. */
    public FaultTarget forUser(String name) {
        return new FaultTarget(faults, command, Optional.of(name), occurrence);
    }

    /** Only the {@code n}-th matching command (from 1); by default every one is hit. */
    public FaultTarget occurrence(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("occurrences count from 1, not " + n);
        }
        return new FaultTarget(faults, command, user, n);
    }

    /** Answer {@code -ERR [code] text} instead of running the command. */
    public FaultRule err(ResponseCode code, String text) {
        return add(new Fault.Err(Optional.of(code), text));
    }

    /** Answer {@code -ERR text} instead of running the command. */
    public FaultRule err(String text) {
        return add(new Fault.Err(Optional.empty(), text));
    }

    /** Send the real reply {@code duration} later. */
    public FaultRule delay(Duration duration) {
        return add(new Fault.Delay(duration));
    }

    /** Close the connection instead of answering. */
    public FaultRule drop() {
        return add(new Fault.Drop());
    }

    /** RETR/TOP: send the status line and {@code octets} octets of the message, then close. */
    public FaultRule dropMidBody(long octets) {
        return add(new Fault.DropMidBody(octets));
    }

    /** LIST: report message {@code message}'s size off by {@code delta}. */
    public FaultRule wrongListSize(int message, long delta) {
        return add(new Fault.WrongListSize(message, delta));
    }

    /** QUIT: the commit fails with {@code -ERR [SYS/TEMP]}, nothing is removed. */
    public FaultRule failCommit() {
        return add(new Fault.FailCommit());
    }

    private FaultRule add(Fault fault) {
        FaultRule rule = new FaultRule(command, user, occurrence, fault);
        faults.add(rule);
        return rule;
    }
}
