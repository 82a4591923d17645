package io.tanpopo.app.metrics;

import java.util.Locale;
import java.util.Map;

/** Renders {@link Pop3Metrics} in the Prometheus text exposition format, version 0.0.4. */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(2048);

    private PrometheusText() {}

    static String render(Pop3Metrics m) {
        PrometheusText text = new PrometheusText();
        text.metric("tanpopo_sessions_current", "gauge", "Sessions open now", m.getSessionsCurrent());
        text.metric(
                "tanpopo_sessions_total",
                "counter",
                "Sessions since start, refused ones included",
                m.getSessionsTotal());
        text.metric(
                "tanpopo_sessions_refused_total",
                "counter",
                "Connections refused over a limit",
                m.getSessionsRefused());
        text.metric("tanpopo_logins_accepted_total", "counter", "Successful logins", m.getLoginsAccepted());
        text.metric("tanpopo_logins_rejected_total", "counter", "Logins refused with [AUTH]", m.getLoginsRejected());
        text.metric("tanpopo_commands_total", "counter", "Commands answered", m.getCommands());
        text.metric(
                "tanpopo_messages_retrieved_total",
                "counter",
                "Messages retrieved with RETR",
                m.getMessagesRetrieved());
        text.metric(
                "tanpopo_retrieved_octets_total", "counter", "Octets of retrieved messages", m.getOctetsRetrieved());
        text.summary(
                "tanpopo_authentication_seconds",
                "Time in the authenticator (checkpassword etc.)",
                Map.of("", m.authentication()));
        text.summary(
                "tanpopo_resolver_seconds",
                "Client name lookups by the strategy that answered and outcome",
                m.resolverByStrategyAndOutcome());
        text.header(
                "tanpopo_resolver_pass_through_decisions_total",
                "counter",
                "Decisions of resolver.pass-through=auto: private zone served by DNS or answered locally");
        text.sample(
                "tanpopo_resolver_pass_through_decisions_total{decision=\"served\"}", m.getResolverPassThroughServed());
        text.sample(
                "tanpopo_resolver_pass_through_decisions_total{decision=\"local\"}", m.getResolverPassThroughLocal());
        return text.out.toString();
    }

    private void metric(String name, String type, String help, long value) {
        header(name, type, help);
        sample(name, value);
    }

    private void sample(String nameAndLabels, long value) {
        out.append(nameAndLabels).append(' ').append(value).append('\n');
    }

    /** A summary per label set; the key {@code ""} is the one without labels. */
    private void summary(String name, String help, Map<String, Pop3Metrics.Timing> byLabels) {
        header(name, "summary", help);
        byLabels.forEach((labelSet, timing) -> {
            String labels = labelSet.isEmpty() ? "" : "{" + labelSet + "}";
            out.append(name)
                    .append("_count")
                    .append(labels)
                    .append(' ')
                    .append(timing.count())
                    .append('\n');
            out.append(name)
                    .append("_sum")
                    .append(labels)
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.6f", timing.seconds()))
                    .append('\n');
        });
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
