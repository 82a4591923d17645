package io.tanpopo.app;

import io.tanpopo.resolver.AddressText;
import io.tanpopo.resolver.ResolverConfig;
import io.tanpopo.resolver.Resolvers;
import io.tanpopo.resolver.diagnosis.DiagnosisReport;
import io.tanpopo.resolver.diagnosis.DiagnosisStep;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.resolver.strategy.LearnedZones;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import io.tanpopo.resolver.strategy.ZoneDecision;
import io.tanpopo.resolver.strategy.ZoneLearner;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code resolver.pass-through} does, for {@code resolve} and {@code doctor}: learns the private
 * zones of some addresses at once (in {@code auto} mode), lists which zones go to {@code dns} and
 * which are answered locally and why, and says in plain words when DNS has a name that
 * {@code local-ptr} answered over, and what to set.
 */
final class PassThroughReport {

    private final ResolverConfig config;
    private final Optional<ZoneLearner> learner;

    private PassThroughReport(ResolverConfig config, Optional<ZoneLearner> learner) {
        this.config = config;
        this.learner = learner;
    }

    static PassThroughReport of(Resolvers resolvers, ResolverConfig config) {
        return new PassThroughReport(config, resolvers.learner(config, decision -> {}));
    }

    /** What {@code local-ptr} should consult: the learner, or nothing. */
    LearnedZones learned() {
        return learner.<LearnedZones>map(l -> l).orElse(LearnedZones.NONE);
    }

    /** Learns the zones of {@code addresses} now; blocks at most a deadline per server and zone. */
    void learn(Collection<InetAddress> addresses) {
        learner.ifPresent(l -> l.learnAll(addresses).join());
    }

    /** The mode and, in {@code auto} mode, one line per zone learned. */
    String render() {
        if (config.passThroughListed()) {
            return "pass-through: " + String.join(", ", config.passThrough())
                    + " (listed) go to dns; every other private zone is answered locally (no name)\n";
        }
        if (learner.isEmpty()) {
            return config.passThrough().equals(List.of(ResolverConfig.AUTO))
                    ? "pass-through: auto, but nothing to learn without both local-ptr and dns in resolver.strategies\n"
                    : "pass-through: none; local-ptr answers every private zone (RFC 6303) with no name\n";
        }
        List<ZoneDecision> decisions = learner.get().decisions();
        String lines = decisions.stream().map(d -> "  " + d.describe()).collect(Collectors.joining("\n"));
        return "pass-through: auto, learned from the DNS servers' SOA answers:\n"
                + (decisions.isEmpty() ? "  (no private zone to learn)" : lines) + "\n";
    }

    /** Advice when a later strategy has a name for the address that {@code local-ptr}'s "no name" hid. */
    Optional<String> hiddenName(DiagnosisReport report) {
        Optional<DiagnosisStep> local = report.steps().stream()
                .filter(s ->
                        s.decisive() && s.strategy().equals("local-ptr") && s.kind() == StrategyAnswer.Kind.NO_NAME)
                .findFirst();
        Optional<DiagnosisStep> named = report.steps().stream()
                .filter(s ->
                        s.kind() == StrategyAnswer.Kind.NAME && !s.strategy().equals("local-ptr"))
                .findFirst();
        if (local.isEmpty() || named.isEmpty()) {
            return Optional.empty();
        }
        InetAddress address = report.address();
        Cidr block = Cidr.block(address, address instanceof Inet4Address ? 24 : 64);
        return Optional.of(
                named.get().strategy() + " has the name " + named.get().name().orElseThrow() + " for "
                        + AddressText.of(address) + ", but local-ptr answered \"no name\" first ("
                        + local.get().source()
                        + "), so tanpopo does not use it. To use it: " + advice(address, block) + ".");
    }

    private String advice(InetAddress address, Cidr block) {
        if (config.passThroughListed()) {
            return "add " + block + " to resolver.pass-through (now " + String.join(",", config.passThrough())
                    + "), or set resolver.pass-through=auto";
        }
        if (learner.isEmpty()) {
            return "set resolver.pass-through=auto (the default), which leaves the private zones your DNS serves"
                    + " to dns, or list the zone: resolver.pass-through=" + block;
        }
        String why = learner.get()
                .consult(address)
                .map(d -> "auto left " + d.zone() + " answered locally because " + d.reason())
                .orElse("auto has not learned this zone");
        return why + "; make your DNS server serve the zone with an SOA of its own, or list it:"
                + " resolver.pass-through=" + block;
    }
}
