package io.tanpopo.app.metrics;

import java.util.Map;

/**
 * What JMX shows of a server, under {@code io.tanpopo:type=Pop3Server,name=<bind>_<port>}. Counters
 * only grow; "current" values go up and down.
 */
public interface Pop3MetricsMXBean {

    long getSessionsCurrent();

    long getSessionsTotal();

    long getSessionsRefused();

    long getLoginsAccepted();

    long getLoginsRejected();

    long getCommands();

    long getMessagesRetrieved();

    long getOctetsRetrieved();

    long getAuthenticationCalls();

    double getAuthenticationSecondsTotal();

    long getResolverLookups();

    double getResolverSecondsTotal();

    /** Lookups by {@code strategy=...,outcome=...} (outcomes name, no_name, temporary_failure, deadline). */
    Map<String, Long> getResolverLookupsByStrategyAndOutcome();

    /** Private zones that {@code resolver.pass-through=auto} found served by the DNS (decisions, rechecks included). */
    long getResolverPassThroughServed();

    /** Private zones that {@code resolver.pass-through=auto} left answered locally (decisions, rechecks included). */
    long getResolverPassThroughLocal();
}
