package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line client (curl, python3) that CI installs, with a hard timeout. Output goes to
 * files, so a chatty client can never block on a full pipe.
 */
final class ExternalClient {

    /** How a run ended: exit code and everything it wrote. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private ExternalClient() {}

    static Result run(Path workDir, List<String> command) {
        Path out = workDir.resolve("stdout-" + System.nanoTime());
        Path err = workDir.resolve("stderr-" + System.nanoTime());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            return fail("cannot run '" + command.get(0) + "' (is it installed? CI installs it): " + e.getMessage());
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(command + " did not finish within 30 s");
            }
            return new Result(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return fail("interrupted while running " + command);
        } catch (IOException e) {
            return fail("cannot read the output of " + command + ": " + e.getMessage());
        }
    }
}
