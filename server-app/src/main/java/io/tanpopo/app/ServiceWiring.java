package io.tanpopo.app;

import io.tanpopo.app.log.SessionSummaryLog;
import io.tanpopo.app.metrics.JmxRegistration;
import io.tanpopo.app.metrics.MetricsHttpServer;
import io.tanpopo.app.metrics.Pop3Metrics;
import io.tanpopo.app.metrics.TimedAuthenticator;
import io.tanpopo.app.relay.PopBeforeSmtp;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.resolver.DisabledResolver;
import io.tanpopo.resolver.HostResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.management.JMException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything around the protocol that a service needs: limits, PROXY, POP-before-SMTP, the session
 * summary log and metrics. Made from {@link ServiceSettings}; {@link #configure} puts it on a
 * builder, {@link #publish} starts JMX and HTTP once the server's port is known; {@link #close}
 * stops what was started.
 */
public final class ServiceWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWiring.class);

    private final ServiceSettings service;
    private final Clock clock;
    private final Pop3Metrics metrics = new Pop3Metrics();
    private final List<AutoCloseable> started = new ArrayList<>();
    private Optional<MetricsHttpServer> http = Optional.empty();

    public ServiceWiring(ServiceSettings service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public ServiceSettings settings() {
        return service;
    }

    public Pop3Metrics metrics() {
        return metrics;
    }

    /** Adds limits, the PROXY policy and the listeners to {@code builder}. */
    public Pop3ServerBuilder configure(Pop3ServerBuilder builder) {
        builder.limits(service.limits())
                .proxy(service.proxy())
                .listener(new SessionSummaryLog(service.logFormat(), clock))
                .listener(metrics);
        if (service.popBeforeSmtp().enabled()) {
            PopBeforeSmtp relay = new PopBeforeSmtp(service.popBeforeSmtp(), clock);
            started.add(relay);
            builder.listener(relay);
        }
        return builder;
    }

    /** The resolver, each lookup's outcome and time counted in the metrics. */
    public HostResolver timed(HostResolver resolver) {
        if (resolver instanceof DisabledResolver) {
            return resolver; // answers at once; the server takes a shortcut for it
        }
        return address -> resolver.resolve(address).whenComplete((resolution, failure) -> {
            if (resolution != null) {
                metrics.resolved(resolution);
            }
        });
    }

    /** The authenticator, timed for the metrics. */
    public Authenticator timed(Authenticator authenticator) {
        return new TimedAuthenticator(authenticator, metrics);
    }

    /** Registers the MBean and starts the HTTP endpoint, as configured, for the server at bind:port. */
    public synchronized void publish(String bind, int port) {
        if (service.metrics().jmx()) {
            try {
                started.add(JmxRegistration.register(metrics, bind, port));
            } catch (JMException e) {
                LOG.warn("cannot register the metrics MBean: {}", e.toString());
            }
        }
        if (service.metrics().http().isPresent()) {
            try {
                MetricsHttpServer server =
                        MetricsHttpServer.start(service.metrics().http().get(), metrics);
                started.add(server);
                http = Optional.of(server);
                LOG.info(
                        "metrics on http://{}:{}/metrics",
                        server.address().getHostString(),
                        server.address().getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot listen for metrics on "
                                + service.metrics().http().get() + ": " + e.getMessage(),
                        e);
            }
        }
    }

    /** Closes {@code resource} (a backend's database pool) with the rest, after the server stopped. */
    public synchronized void closeOnStop(AutoCloseable resource) {
        started.add(resource);
    }

    /** The metrics endpoint, when it runs. */
    public Optional<MetricsHttpServer> http() {
        return http;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("closing {} failed: {}", resource, e.toString());
            }
        }
        started.clear();
    }
}
