package io.tanpopo.bench.load;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.resolver.ResolverConfig;
import io.tanpopo.resolver.Resolvers;
import io.tanpopo.resolver.strategy.InterfaceAddresses;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * tanpopo with client name resolution as the standalone app sets it up by default (its
 * {@code resolver.*} defaults: the chain {@code hosts,local-ptr,dns}, {@code /etc/hosts}, a 1 s
 * deadline, the default cache), except that the {@code dns} strategy asks the given server: built
 * through the resolver module's {@link Resolvers} and handed to the builder as the app's
 * {@code ResolverWiring} does. {@code none} gives the same server with resolution off.
 */
final class ResolvingServer {

    private ResolvingServer() {}

    /** Starts the in-memory server of {@link ServerChild#tanpopoBuilder} with these strategies. */
    static Pop3Server start(String strategies, InetSocketAddress dnsServer, int users) {
        ResolverConfig defaults = ResolverConfig.defaults(Path.of("/etc/hosts"), Path.of("/etc/resolv.conf"));
        ResolverConfig config = new ResolverConfig(
                ResolverConfig.parseStrategies(strategies),
                defaults.hostsFile(),
                defaults.localNames(),
                defaults.passThrough(),
                List.of(dnsServer),
                defaults.resolvConf(),
                defaults.deadline(),
                defaults.forwardConfirm(),
                defaults.hostsRecheck(),
                defaults.cache());
        // Deadlines and DNS completions, two daemon threads as in the app; they end with the child JVM.
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "tanpopo-resolver");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        Resolvers resolvers = new Resolvers(Clock.systemUTC(), scheduler, new InterfaceAddresses());
        return ServerChild.tanpopoBuilder(users)
                .resolver(resolvers.create(config), config.deadline())
                .start();
    }
}
