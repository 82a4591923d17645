package io.tanpopo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Freezes a server (SIGSTOP to the process a pid file names and its descendants) and lets it run
 * again, remembering whether it is frozen so that a test's clean-up can thaw it before stopping it.
 */
final class ProcessFreezer {

    private final Path pidFile;
    private final Path log;
    private boolean frozen;

    /** For the process whose pid is the first line of {@code pidFile}; {@code log} gets kill's output. */
    ProcessFreezer(Path pidFile, Path log) {
        this.pidFile = pidFile;
        this.log = log;
    }

    void freeze() throws IOException {
        frozen = true;
        signal("STOP");
    }

    void thaw() throws IOException {
        frozen = false;
        signal("CONT");
    }

    void thawIfFrozen() throws IOException {
        if (frozen) {
            thaw();
        }
    }

    private void signal(String signal) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no process " + pid));
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(pid)));
        root.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        LoopbackDatabase.run(command, Map.of(), log);
    }
}
