package io.tanpopo.app.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the POP-before-SMTP hook for one client: the program with its arguments and the client's IP
 * appended, {@code TCPREMOTEIP} set as under tcpserver (relay-ctrl-allow reads it), no shell, no
 * input, output discarded, killed with its children after the timeout. Blocks: call it off the
 * I/O and worker threads.
 */
public final class RelayCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RelayCommand.class);

    private final List<String> command;
    private final Duration timeout;

    public RelayCommand(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** Runs the command for {@code client}; returns its exit status, or -1 if it failed or timed out. */
    public int run(InetAddress client) {
        List<String> arguments = new ArrayList<>(command);
        String ip = RelayDirectory.name(client);
        arguments.add(ip);
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TCPREMOTEIP", ip);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                LOG.warn("POP-before-SMTP command for {} did not finish within {}; killed", ip, timeout);
                return -1;
            }
            int status = process.exitValue();
            if (status != 0) {
                LOG.warn("POP-before-SMTP command for {} exited with {}", ip, status);
            }
            return status;
        } catch (IOException e) {
            LOG.warn("POP-before-SMTP command cannot run: {}", e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
