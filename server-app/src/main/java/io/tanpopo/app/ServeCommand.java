package io.tanpopo.app;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.resolver.AddressText;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve [--config FILE]}: runs the server until SIGTERM or SIGINT, then shuts down
 * gracefully: stops accepting, lets sessions finish for {@code shutdown.grace}, closes the rest.
 */
final class ServeCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    static final String USAGE = """
            Usage: java -jar tanpopo.jar [serve] [--config FILE]

            Runs the POP3 server until stopped (SIGTERM/SIGINT). On stop it accepts no more
            connections, lets sessions in progress finish for shutdown.grace (a QUIT then
            still commits), and closes the rest, which commit nothing.
            Without --config it runs a demo on 127.0.0.1:1110 with a sample user.""";

    private final PrintStream out;
    private final PrintStream err;

    ServeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(boolean demo, ConfigFile file) {
        Settings settings = new Settings(file);
        ServiceWiring service = new ServiceWiring(ServiceSettings.read(settings), Clock.systemUTC());
        var builder = new ServerWiring(settings).builder(service);
        if (demo) {
            builder.user(Demo.USER, Demo.PASSWORD).store(Demo.store(new BackendWiring(settings).lockMode()));
        }
        // The hook goes in before the server starts: a SIGTERM right after "listening on" must
        // still find it (publishing JMX takes a moment).
        AtomicReference<Pop3Server> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    Pop3Server started = running.get();
                    if (started != null) {
                        started.shutdown(service.settings().shutdownGrace());
                        LOG.info(
                                "stopped listening on {}",
                                AddressText.withPort(started.config().bind(), started.port()));
                    }
                    service.close();
                    stopped.countDown();
                },
                "tanpopo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Pop3Server server;
        try {
            server = builder.start();
            running.set(server);
            // The operator's lines (pop3.port=0 is found here); an embedded server logs them at DEBUG.
            LOG.info("listening on {}", AddressText.withPort(server.config().bind(), server.port()));
            if (server.tlsPort().isPresent()) {
                LOG.info(
                        "listening for implicit TLS on {}",
                        AddressText.withPort(
                                server.config().bind(), server.tlsPort().getAsInt()));
            }
            CleartextAdvice.of(settings).ifPresent(advice -> LOG.info("note: {}", advice));
            service.publish(server.config().bind(), server.port());
        } catch (IllegalArgumentException | IllegalStateException e) {
            stopEarly(running, service, hook);
            throw new ConfigException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            stopEarly(running, service, hook);
            err.println("cannot start: " + e.getMessage());
            return 1;
        }
        if (demo) {
            out.println(Demo.howToConnect(server));
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void stopEarly(AtomicReference<Pop3Server> running, ServiceWiring service, Thread hook) {
        Runtime.getRuntime().removeShutdownHook(hook);
        Pop3Server started = running.getAndSet(null);
        if (started != null) {
            started.close();
        }
        service.close();
    }
}
