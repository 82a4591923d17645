package io.tanpopo.pop3.session;

import io.tanpopo.pop3.access.AccessDecision;
import io.tanpopo.pop3.access.ClientChecks;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.resolver.AddressText;
import io.tanpopo.resolver.MappedAddresses;
import io.tanpopo.resolver.Outcome;
import io.tanpopo.resolver.Resolution;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Greets each new client at once and finds out who it is beside the dialogue (a qmail server's
 * logins once waited two minutes for reverse lookups). An access rule on the address alone can
 * refuse the client instead of the greeting; otherwise the greeting goes out first. An answer the
 * resolver holds in memory (cache, hosts file already read, local-ptr) settles the client at once;
 * otherwise the lookup starts on a worker (it may read a file or ask DNS) and, when it ends or the deadline
 * counted from accept passes, {@link SessionDriver#clientSettled} gets the name and the access
 * decision. One per server; never blocks the calling (I/O) thread and never looks up the
 * server's own address.
 */
public final class ClientLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ClientLookup.class);

    private final ClientChecks checks;
    private final SessionRuntime runtime;

    public ClientLookup(ClientChecks checks, SessionRuntime runtime) {
        this.checks = checks;
        this.runtime = runtime;
    }

    /** Greets the client of {@code driver} with {@code greeting} (or refuses it) and starts its lookup. */
    public void start(SessionDriver driver, String greeting) {
        if (!driver.session().connection().remoteKnown()) {
            startUnknown(driver, greeting);
            return;
        }
        InetAddress client =
                MappedAddresses.unmap(driver.session().connection().remote().getAddress());
        Optional<AccessDecision> byAddress = checks.rules().decideByAddress(client);
        if (byAddress.isPresent() && !byAddress.get().allowed()) {
            log(
                    driver,
                    "client {} denied by {}",
                    AddressText.of(client),
                    byAddress.get().rule());
            driver.refuse(Dispatcher.ACCESS_DENIED.statusLine(), "access denied");
            return;
        }
        driver.greet(greeting);
        Optional<Resolution> known = checks.resolver().resolveFromMemory(client);
        if (known.isPresent()) {
            // Answered without I/O (resolution off, the cache, a hosts file already read,
            // local-ptr): settled here, no worker, no timer.
            settle(driver, client, known.get(), byAddress);
            return;
        }
        long accepted = System.nanoTime();
        CompletableFuture<Resolution> lookup = new CompletableFuture<>();
        // lookup is only ever completed normally (failures become results); what could still be
        // lost is a failure of settle itself, which would leave the client without a greeting.
        lookup.thenAccept(resolution -> settle(driver, client, resolution, byAddress))
                .exceptionally(failure -> {
                    LOG.error("settling the client lookup failed", failure);
                    return null;
                });
        try {
            runtime.workers().execute(() -> resolve(client, lookup, accepted));
        } catch (RejectedExecutionException e) {
            lookup.complete(Resolution.temporaryFailure("server", Duration.ZERO, "server stopping"));
        }
    }

    /**
     * A client whose address a proxy did not say: nothing to look up (never the placeholder
     * address), and only a rule for every client applies to it.
     */
    private void startUnknown(SessionDriver driver, String greeting) {
        AccessDecision decision = checks.rules().decideUnknown();
        if (!decision.allowed()) {
            log(driver, "client of unknown address denied by {}", decision.rule());
            driver.refuse(Dispatcher.ACCESS_DENIED.statusLine(), "access denied");
            return;
        }
        driver.greet(greeting);
        driver.clientSettled(Optional.empty(), decision);
    }

    private void resolve(InetAddress client, CompletableFuture<Resolution> lookup, long accepted) {
        try {
            // The callback turns a failure into a result; the stage it returns only repeats it.
            var unused = checks.resolver()
                    .resolve(client)
                    .whenComplete((resolution, failure) ->
                            lookup.complete(failure == null ? resolution : internalError(failure)));
        } catch (RuntimeException e) {
            lookup.complete(internalError(e));
        }
        if (lookup.isDone()) {
            return; // answered from memory: no deadline to keep, no timer to wake
        }
        // The deadline counts from accept, time spent waiting for this worker included. A login
        // held for the name is queued after this lookup, so it cannot run before the timer is set.
        long left = Math.max(0, checks.deadline().toNanos() - (System.nanoTime() - accepted));
        try {
            ScheduledFuture<?> deadline = runtime.timer()
                    .schedule(
                            () -> lookup.complete(Resolution.temporaryFailure(
                                    "deadline",
                                    checks.deadline(),
                                    "no answer within " + checks.deadline().toMillis() + " ms")),
                            left,
                            TimeUnit.NANOSECONDS);
            var unused = lookup.whenComplete((resolution, failure) -> deadline.cancel(false)); // cancels only
        } catch (RejectedExecutionException e) {
            lookup.complete(Resolution.temporaryFailure("server", Duration.ZERO, "server stopping"));
        }
    }

    private void settle(
            SessionDriver driver, InetAddress client, Resolution resolution, Optional<AccessDecision> byAddress) {
        AccessDecision decision =
                byAddress.isPresent() ? byAddress.get() : checks.rules().decide(client, resolution);
        describe(driver, client, resolution);
        if (!decision.allowed()) {
            log(driver, "client {} denied by {}", AddressText.of(client), decision.rule());
        }
        driver.clientSettled(resolution.name(), decision);
    }

    /**
     * One log line per client: {@code client 192.0.2.1 resolved to a.example via dns in 12 ms}. At
     * INFO when the answer came from DNS or was not had (what an operator needs to see when logins
     * are slow); answers from memory (hosts file, local-ptr, the cache) are routine: DEBUG.
     */
    private static void describe(SessionDriver driver, InetAddress client, Resolution r) {
        if (r.strategy().equals("disabled")) {
            return;
        }
        boolean routine = r.outcome() != Outcome.TEMPORARY_FAILURE
                && (r.cached() || !r.strategy().equals("dns"));
        if (routine && !LOG.isDebugEnabled()) {
            return;
        }
        String ip = AddressText.of(client);
        String how = r.strategy() + " in " + r.elapsed().toMillis() + " ms" + (r.cached() ? " (cached)" : "");
        if (r.outcome() == Outcome.NAME) {
            log(driver, routine, "client {} resolved to {} via {}", ip, r.name().orElseThrow(), how);
        } else if (r.outcome() == Outcome.NO_NAME) {
            log(driver, routine, "client {} has no name: {} via {}", ip, r.source(), how);
        } else {
            log(driver, routine, "client {} name unknown for now: {} via {}", ip, r.source(), how);
        }
    }

    private static void log(SessionDriver driver, String format, Object... arguments) {
        log(driver, false, format, arguments);
    }

    private static void log(SessionDriver driver, boolean debug, String format, Object... arguments) {
        MDC.put("session", driver.session().id());
        try {
            if (debug) {
                LOG.debug(format, arguments);
            } else {
                LOG.info(format, arguments);
            }
        } finally {
            MDC.remove("session");
        }
    }

    private static Resolution internalError(Throwable failure) {
        LOG.warn("client name lookup failed unexpectedly", failure);
        return Resolution.temporaryFailure("server", Duration.ZERO, "internal error");
    }
}
