package io.tanpopo.app;

import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.access.AccessRules;
import io.tanpopo.pop3.access.AccessRulesParser;
import io.tanpopo.pop3.access.TemporaryFailurePolicy;
import io.tanpopo.resolver.CacheLimits;
import io.tanpopo.resolver.HostResolver;
import io.tanpopo.resolver.ResolverConfig;
import io.tanpopo.resolver.Resolvers;
import io.tanpopo.resolver.strategy.InterfaceAddresses;
import io.tanpopo.resolver.strategy.ZoneDecision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Client name resolution and access rules from the {@code resolver.*} and {@code access.*} keys:
 * builds the resolver chain (docs/resolution.md) and hands it, with its deadline and the rules, to the
 * server builder. Owns a small scheduler for deadlines and DNS completions whose idle threads end
 * by themselves; {@link #close()} stops it at once (the CLI commands do).
 */
final class ResolverWiring implements AutoCloseable {

    private final Settings settings;
    private final ScheduledThreadPoolExecutor scheduler;

    ResolverWiring(Settings settings) {
        this.settings = settings;
        AtomicInteger count = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "tanpopo-resolver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setKeepAliveTime(30, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Puts the resolver (as {@code decorate} wraps it) and the access rules on {@code builder};
     * {@code decisions} hears what {@code resolver.pass-through=auto} learns.
     */
    void configure(Pop3ServerBuilder builder, UnaryOperator<HostResolver> decorate, Consumer<ZoneDecision> decisions) {
        ResolverConfig config = resolverConfig();
        builder.resolver(decorate.apply(resolvers().create(config, decisions)), config.deadline())
                .accessRules(accessRules());
    }

    /** The resolver settings; a bad value is a {@link ConfigException} naming its key. */
    ResolverConfig resolverConfig() {
        try {
            return new ResolverConfig(
                    ResolverConfig.parseStrategies(settings.string("resolver.strategies")),
                    settings.text("resolver.hosts-file").map(Path::of).orElse(null),
                    localNames(),
                    settings.list("resolver.pass-through"),
                    settings.list("resolver.dns-servers").stream()
                            .map(ResolverConfig::parseServer)
                            .toList(),
                    settings.text("resolver.resolv-conf").map(Path::of).orElse(null),
                    settings.duration("resolver.deadline"),
                    settings.bool("resolver.forward-confirm"),
                    settings.duration("resolver.hosts-recheck"),
                    cacheLimits(),
                    settings.duration("resolver.pass-through-recheck"));
        } catch (IllegalArgumentException e) {
            throw keyed(e);
        }
    }

    /** The access rules named by {@code access.rules}, or none. */
    AccessRules accessRules() {
        TemporaryFailurePolicy policy;
        try {
            policy = TemporaryFailurePolicy.parse(settings.string("access.on-temporary-failure"));
        } catch (IllegalArgumentException e) {
            throw keyed(e);
        }
        var file = settings.text("access.rules");
        if (file.isEmpty()) {
            return AccessRules.none();
        }
        try {
            return AccessRulesParser.read(Path.of(file.get()), policy);
        } catch (IOException e) {
            throw settings.error("access.rules", "cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw settings.error("access.rules", "is malformed: " + e.getMessage());
        }
    }

    /** Builds resolvers, diagnoses and server checks on this wiring's scheduler. */
    Resolvers resolvers() {
        return new Resolvers(Clock.systemUTC(), scheduler, new InterfaceAddresses());
    }

    private List<String> localNames() {
        List<String> names = new ArrayList<>(settings.list("resolver.local-names"));
        settings.text("pop3.hostname").filter(n -> !names.contains(n)).ifPresent(names::add);
        return names;
    }

    private CacheLimits cacheLimits() {
        return new CacheLimits(
                settings.integer("resolver.cache-size", 1, 10_000_000),
                settings.duration("resolver.cache-max-name-ttl"),
                settings.duration("resolver.cache-max-negative-ttl"),
                settings.duration("resolver.cache-min-ttl"),
                settings.duration("resolver.cache-failure-ttl"),
                settings.integer("resolver.max-in-flight", 1, 100_000));
    }

    /** The module's messages start with {@code key:}; name where the value came from, too. */
    private ConfigException keyed(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        if (colon > 0 && message.substring(0, colon).matches("[a-z0-9.-]+")) {
            return settings.error(
                    message.substring(0, colon), message.substring(colon + 1).strip());
        }
        return new ConfigException(message);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
