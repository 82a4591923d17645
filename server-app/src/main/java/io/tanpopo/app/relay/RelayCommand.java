package io.tanpopo.app.relay;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.checkpassword.ChildEnvironment;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the POP-before-SMTP hook for one client: the program with its arguments and the client's IP
 * appended, no shell, no input, output discarded, in {@code /}, killed with its children after the
 * timeout. Its environment is the one a checkpassword program gets ({@link ChildEnvironment}):
 * {@code PATH}, the UCSPI variables as under tcpserver ({@code TCPREMOTEIP}, which relay-ctrl-allow
 * reads, and friends) and the connection's access-rule variables, and nothing of the server's own
 * environment, which may hold {@code TANPOPO_*} secrets. Blocks: call it off the I/O and worker
 * threads.
 */
public final class RelayCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RelayCommand.class);
    /** The default of {@code auth.checkpassword.path}: the hook needs no more than a checkpassword program. */
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private final List<String> command;
    private final Duration timeout;

    public RelayCommand(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** Runs the command for the client of {@code connection}; returns its exit status, or -1 if it failed or timed out. */
    public int run(ConnectionInfo connection) {
        List<String> arguments = new ArrayList<>(command);
        String ip = RelayDirectory.name(connection.remote().getAddress());
        arguments.add(ip);
        ProcessBuilder builder = new ProcessBuilder(arguments)
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(ChildEnvironment.of(connection, PATH));
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
