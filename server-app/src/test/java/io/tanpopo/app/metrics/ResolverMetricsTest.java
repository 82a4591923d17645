package io.tanpopo.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.Resolution;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.resolver.strategy.ZoneDecision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lookups by strategy and outcome (deadline apart from other failures), and pass-through decisions. */
class ResolverMetricsTest {

    private final Pop3Metrics metrics = new Pop3Metrics();

    @Test
    void lookups_countedByStrategyAndOutcome_deadlineApart() {
        metrics.resolved(Resolution.named("client.lan.example", "dns", Duration.ofMillis(4), "s", Duration.ZERO));
        metrics.resolved(Resolution.noName("local-ptr", Duration.ZERO, "zone", Duration.ZERO));
        metrics.resolved(Resolution.noName("local-ptr", Duration.ZERO, "zone", Duration.ZERO));
        metrics.resolved(Resolution.temporaryFailure("dns", Duration.ofMillis(2), "SERVFAIL"));
        metrics.resolved(Resolution.deadlineExceeded("dns", Duration.ofSeconds(1), Duration.ofSeconds(1)));
        metrics.resolved("Not A Label!", "name", Duration.ZERO);

        assertThat(PrometheusText.render(metrics))
                .contains(
                        "tanpopo_resolver_seconds_count{strategy=\"dns\",outcome=\"name\"} 1\n",
                        "tanpopo_resolver_seconds_count{strategy=\"local-ptr\",outcome=\"no_name\"} 2\n",
                        "tanpopo_resolver_seconds_count{strategy=\"dns\",outcome=\"temporary_failure\"} 1\n",
                        "tanpopo_resolver_seconds_count{strategy=\"dns\",outcome=\"deadline\"} 1\n",
                        "tanpopo_resolver_seconds_sum{strategy=\"dns\",outcome=\"deadline\"} 1.000000\n",
                        "tanpopo_resolver_seconds_count{strategy=\"other\",outcome=\"name\"} 1\n");
        assertThat(metrics.getResolverLookups()).isEqualTo(6);
        assertThat(metrics.getResolverLookupsByStrategyAndOutcome())
                .containsEntry("strategy=dns,outcome=deadline", 1L)
                .containsEntry("strategy=local-ptr,outcome=no_name", 2L);
    }

    @Test
    void passThroughDecisions_countedServedAndLocal() {
        Cidr block = Cidr.parse("10.200.0.0/24");
        metrics.passThroughDecided(new ZoneDecision(block, "0.200.10.in-addr.arpa", true, "cut", Instant.EPOCH));
        metrics.passThroughDecided(new ZoneDecision(block, "0.200.10.in-addr.arpa", false, "silent", Instant.EPOCH));
        metrics.passThroughDecided(new ZoneDecision(block, "0.200.10.in-addr.arpa", false, "silent", Instant.EPOCH));

        assertThat(PrometheusText.render(metrics))
                .contains(
                        "# TYPE tanpopo_resolver_pass_through_decisions_total counter\n",
                        "tanpopo_resolver_pass_through_decisions_total{decision=\"served\"} 1\n",
                        "tanpopo_resolver_pass_through_decisions_total{decision=\"local\"} 2\n");
        assertThat(metrics.getResolverPassThroughServed()).isEqualTo(1);
        assertThat(metrics.getResolverPassThroughLocal()).isEqualTo(2);
    }
}
