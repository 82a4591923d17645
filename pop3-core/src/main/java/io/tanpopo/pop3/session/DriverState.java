package io.tanpopo.pop3.session;

/**
 * Where a {@link SessionDriver} is: who runs the session, whether the client's input is taken,
 * whether the client lookup has settled, and how the session ends. One value, replaced whole under
 * the driver's lock, so its parts cannot disagree.
 *
 * @param phase who runs the session now
 * @param intake whether input is taken
 * @param clientSettled whether the client's name lookup ended (a login waits for it)
 * @param how how the session ended, for the listeners
 */
record DriverState(Phase phase, Intake intake, boolean clientSettled, String how) {

    static final String IDLE_TIMEOUT = "idle timeout";

    /** Who runs the session. */
    enum Phase {
        /** Nobody: the next input starts a worker. */
        IDLE,
        /** One thread: a worker, the timer, a write completion or an authentication thread. */
        RUNNING,
        /** Nobody: a login waits for the client's name, and its end starts a worker. */
        WAITING_FOR_CLIENT,
        /** The connection is gone: the thread that ran the session, or else the one that saw it go, releases it once. */
        CLOSED
    }

    /** Whether the client's input is taken. */
    enum Intake {
        OPEN,
        /** Dropped until the STLS handshake is done (RFC 2595 §4). */
        UNTIL_TLS,
        /** Dropped for good: the session ends. */
        SHUT
    }

    /** A session just opened: idle, taking input, its client not yet known. */
    static DriverState opened() {
        return new DriverState(Phase.IDLE, Intake.OPEN, false, "closed");
    }

    /** Whether an input that arrives now is queued. */
    boolean takesInput() {
        return phase != Phase.CLOSED && intake == Intake.OPEN;
    }

    boolean is(Phase other) {
        return phase == other;
    }

    DriverState in(Phase next) {
        return new DriverState(next, intake, clientSettled, how);
    }

    /** Input is dropped for good; the session ends {@code ending}. */
    DriverState shut(String ending) {
        return new DriverState(phase, Intake.SHUT, clientSettled, ending);
    }

    /** The session ends {@code ending}, input still taken until the close. */
    DriverState endsAs(String ending) {
        return new DriverState(phase, intake, clientSettled, ending);
    }

    /** STLS: input is dropped until the handshake is done (unless it is dropped for good already). */
    DriverState untilTls() {
        return intake == Intake.OPEN ? new DriverState(phase, Intake.UNTIL_TLS, clientSettled, how) : this;
    }

    /** The STLS handshake is done: input is taken again (unless it is dropped for good). */
    DriverState tlsDone() {
        return intake == Intake.UNTIL_TLS ? new DriverState(phase, Intake.OPEN, clientSettled, how) : this;
    }

    /** The client lookup ended; a login waiting for it runs on. */
    DriverState settled() {
        Phase next = phase == Phase.WAITING_FOR_CLIENT ? Phase.RUNNING : phase;
        return new DriverState(next, intake, true, how);
    }
}
