package io.tanpopo.app;

import io.tanpopo.app.stdio.StdioSession;
import io.tanpopo.pop3.ServerWithoutListener;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code stdio [--config FILE]}: one POP3 session on standard input and output, for tcpserver or
 * inetd, as a drop-in for qmail-popup/qmail-pop3d. Standard output is the protocol, so anything else
 * that would print there goes to standard error, logs included.
 */
final class StdioCommand {

    static final String USAGE = """
            Usage: java -jar tanpopo.jar stdio [--config FILE]

            Serves one POP3 session on standard input and output and exits, e.g. under ucspi-tcp:
              tcpserver -H -R -l pop.example.org 0 110 java -jar tanpopo.jar stdio --config FILE
            The client address comes from TCPREMOTEIP/TCPREMOTEPORT (TCPLOCALIP/TCPLOCALPORT for the
            local one). pop3.bind, pop3.port, TLS and connection limits do not apply (tcpserver -c
            limits connections); logs go to standard error.""";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    StdioCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(ConfigFile file) {
        // Standard output is the protocol: whatever else would print there (logback's own status
        // messages, a library) goes to standard error instead.
        System.setOut(err);
        Settings settings = new Settings(file);
        CountDownLatch released = new CountDownLatch(1);
        ServiceWiring service = new ServiceWiring(ServiceSettings.read(settings), Clock.systemUTC());
        try (service;
                ServerWithoutListener server = new ServerWiring(settings)
                        .builder(service)
                        .listener(new SessionListener() {
                            @Override
                            public void closed(Pop3Session session, String how) {
                                released.countDown();
                            }
                        })
                        .startWithoutListener()) {
            new StdioSession(server, System.getenv()).start(in, new BufferedOutputStream(out));
            released.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
