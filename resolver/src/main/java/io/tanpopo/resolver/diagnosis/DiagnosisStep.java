package io.tanpopo.resolver.diagnosis;

import io.tanpopo.resolver.strategy.NegativeSoa;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import java.time.Duration;
import java.util.Optional;

/**
 * What one strategy answered during a diagnosis.
 *
 * @param strategy  the strategy name
 * @param kind      name, no name, temporary failure or pass
 * @param name      the name, if any
 * @param source    detail: hosts line, zone, DNS server and rcode
 * @param soa       the SOA of a negative DNS answer
 * @param elapsed   time this step took
 * @param decisive  whether this is the answer the chain would use
 * @param as112Leak whether the answer came from the AS112 sink servers
 */
public record DiagnosisStep(
        String strategy,
        StrategyAnswer.Kind kind,
        Optional<String> name,
        String source,
        Optional<NegativeSoa> soa,
        Duration elapsed,
        boolean decisive,
        boolean as112Leak) {

    /** One line: {@code dns        NO_NAME   12 ms  127.0.0.1:53 NXDOMAIN, SOA ...}. */
    public String render() {
        return String.format(
                "%s %-10s %-17s %6d ms  %s%s",
                decisive ? "=>" : "  ",
                strategy,
                kind + name.map(n -> " " + n).orElse(""),
                elapsed.toMillis(),
                source,
                as112Leak ? "  [AS112 LEAK]" : "");
    }
}
