package io.tanpopo.bench.load;

import java.io.IOException;

/** Runs a command and fails if it fails. */
final class Shell {

    private Shell() {}

    static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            int status = process.waitFor();
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
