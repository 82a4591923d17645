package io.tanpopo.pop3.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's id, as APOP stamps carry it (RFC 1939 §7 suggests
 * {@code <process-ID.clock@hostname>}). On Linux it is read from the {@code /proc/self} link: the
 * first {@link ProcessHandle#current()} in a JVM costs about 3 ms of CPU (its class sets up the
 * process reaper), which would be a tenth of what tanpopo adds to a first embedded server's start;
 * elsewhere, or if that fails, {@code ProcessHandle} answers.
 */
public final class ProcessId {

    /** Found once, when the class is initialised at the first {@link #current()}: a process keeps its id. */
    private static final long PID = find();

    private ProcessId() {}

    /** The id of this JVM's process. */
    public static long current() {
        return PID;
    }

    private static long find() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }
}
