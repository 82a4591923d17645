package io.tanpopo.app;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.pop3.AuthThreads;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.resolver.HostResolver;
import io.tanpopo.resolver.strategy.ZoneDecision;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one place that turns settings into a running server and picks implementations: a plain
 * wiring class, no container.
 */
public final class ServerWiring {

    private final Settings settings;

    public ServerWiring(Settings settings) {
        this.settings = settings;
    }

    /** The protocol settings; a bad value is a {@link ConfigException} naming its key. */
    public Pop3Config pop3Config() {
        try {
            return new Pop3Config(
                    settings.string("pop3.bind"),
                    settings.integer("pop3.port", 0, 65535),
                    settings.string("pop3.hostname"),
                    settings.duration("pop3.idle-timeout"),
                    settings.integer("pop3.max-bad-commands", 1, 1_000_000),
                    settings.integer("pop3.max-line-length", 64, 65536),
                    settings.duration("auth.failure-delay"),
                    settings.duration("auth.failure-delay-max"),
                    settings.optionalDuration("pop3.login-delay"),
                    settings.text("pop3.expire"),
                    settings.integer("pop3.worker-threads", 1, 1024));
        } catch (IllegalArgumentException e) {
            // The record's messages start with the key; add where the value came from.
            String key = e.getMessage().split(" ", 2)[0];
            throw settings.error(key, e.getMessage().substring(key.length()).strip());
        }
    }

    /**
     * A builder with everything the settings ask for, without the service extras. An {@code auth=sql}
     * pool made here is never closed (it connects only at the first login): a server that runs for
     * long is built by {@link #builder(ServiceWiring)}, whose {@code close} closes it.
     */
    public Pop3ServerBuilder builder() {
        return builder(UnaryOperator.identity(), UnaryOperator.identity(), decision -> {}, resource -> {});
    }

    /** A builder with everything the settings ask for, service extras (limits, metrics, ...) included. */
    public Pop3ServerBuilder builder(ServiceWiring service) {
        return service.configure(
                builder(service::timed, service::timed, service.metrics()::passThroughDecided, service::closeOnStop));
    }

    private Pop3ServerBuilder builder(
            UnaryOperator<Authenticator> decorate,
            UnaryOperator<HostResolver> resolver,
            Consumer<ZoneDecision> zoneDecisions,
            Consumer<AutoCloseable> resources) {
        Pop3Config config = pop3Config();
        Pop3ServerBuilder builder =
                Pop3Server.builder().config(config).ioThreads(settings.integer("pop3.io-threads", 1, 256));
        builder.authThreads(settings.validated(() -> new AuthThreads(
                settings.integer("auth.threads", 1, 1024), settings.integer("auth.queue", 0, 100_000))));
        BackendWiring backends = new BackendWiring(settings, resources);
        backends.authenticator().map(decorate).ifPresent(builder::authenticator);
        backends.store().ifPresent(builder::store);
        builder.maildropLock(backends.lockMode()); // the in-memory store's; a maildir store has its own
        builder.cleartext(Cleartext.valueOf(
                settings.choice("auth.cleartext", "loopback", "always", "never").toUpperCase(java.util.Locale.ROOT)));
        new TlsWiring(settings).configure(builder, config.hostname());
        List<String> users = settings.list("auth.users");
        for (int i = 0; i < users.size(); i++) {
            String pair = users.get(i);
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                // The entry itself is not shown: without its colon it may be all password.
                throw settings.error("auth.users", "entries must be user:password; entry " + (i + 1) + " is not");
            }
            builder.user(pair.substring(0, colon), pair.substring(colon + 1));
        }
        new ResolverWiring(settings).configure(builder, resolver, zoneDecisions);
        return builder;
    }
}
