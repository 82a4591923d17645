package io.tanpopo.app.metrics;

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
}
