package io.tanpopo.bench.load;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tanpopo.pop3.Pop3Server;
import java.io.IOException;

/**
 * Measure 6, run in a fresh JVM per sample: the time from asking for an embedded server to holding
 * its greeting, for the first server of the JVM (class loading, JIT cold) and then for later ones
 * (each previous one closed first). Prints {@code FIRST micros} and {@code LATER micros} lines.
 * Both servers are built as a test would build them: defaults, one user, a free port.
 *
 * <pre>StartupChild tanpopo|greenmail LATER_COUNT</pre>
 */
public final class StartupChild {

    private StartupChild() {}

    public static void main(String[] args) throws Exception {
        boolean tanpopo = args[0].equals("tanpopo");
        int later = Integer.parseInt(args[1]);
        for (int i = 0; i <= later; i++) {
            long t0 = System.nanoTime();
            AutoCloseable server = tanpopo ? startTanpopo() : startGreenMail();
            greet(port(server));
            long micros = (System.nanoTime() - t0) / 1000;
            System.out.println((i == 0 ? "FIRST " : "LATER ") + micros);
            server.close();
        }
        System.out.flush();
        System.exit(0);
    }

    private static AutoCloseable startTanpopo() {
        return Pop3Server.builder().port(0).user("u0", ServerChild.PASSWORD).start();
    }

    private static AutoCloseable startGreenMail() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.POP3.dynamicPort());
        greenMail.start();
        greenMail.setUser("u0@example.org", "u0", ServerChild.PASSWORD);
        return new ServerChild.GreenMailHandle(greenMail);
    }

    private static int port(AutoCloseable server) {
        return server instanceof Pop3Server tanpopo
                ? tanpopo.port()
                : ((ServerChild.GreenMailHandle) server).greenMail().getPop3().getPort();
    }

    private static void greet(int port) throws IOException {
        try (Pop3Client client = Pop3Client.connect(port)) {
            // the greeting was read and checked
        }
    }
}
