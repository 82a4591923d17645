package io.tanpopo.pop3.protocol;

/**
 * This process's id, as APOP stamps carry it (RFC 1939 §7 suggests
 * {@code <process-ID.clock@hostname>}).
 */
public final class ProcessId {

    private ProcessId() {}

    /** The id of this JVM's process. */
    public static long current() {
        return ProcessHandle.current().pid();
    }
}
