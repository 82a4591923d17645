package io.tanpopo.bench.load;

import io.tanpopo.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A {@link ServerChild} in a JVM of its own, listening on {@code port}; closing it stops the server. */
record ServerJvm(ChildJvm jvm, int port) implements AutoCloseable {

    /** Seeding a server's in-memory store with measure 3's 14 MB takes GreenMail a while. */
    private static final Duration START = Duration.ofMinutes(5);

    /** Starts a {@link ServerChild} with these arguments and waits for its port; its errors go to {@code errors}. */
    static ServerJvm start(List<String> jvmOptions, List<String> args, Path errors)
            throws IOException, InterruptedException {
        ChildJvm child =
                ChildJvm.start(ServerChild.class, jvmOptions, args, ProcessBuilder.Redirect.appendTo(errors.toFile()));
        String line = child.nextLine(START);
        while (line != null && !line.startsWith("PORT ")) { // e.g. a flight recording's notice
            line = child.nextLine(START);
        }
        if (line == null) {
            child.close();
            throw new IOException("server child did not start; see " + errors);
        }
        return new ServerJvm(child, Integer.parseInt(line.substring(5).trim()));
    }

    long pid() {
        return jvm.pid();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
