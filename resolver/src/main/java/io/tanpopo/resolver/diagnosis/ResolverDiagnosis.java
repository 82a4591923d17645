package io.tanpopo.resolver.diagnosis;

import io.tanpopo.resolver.MappedAddresses;
import io.tanpopo.resolver.strategy.NegativeSoa;
import io.tanpopo.resolver.strategy.ResolverStrategy;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every strategy for one address, one after the other and each under the deadline, even
 * after the chain would have stopped, so an operator sees where time goes and what DNS would say.
 * Flags negative answers from AS112 (RFC 7534): a private reverse zone that leaks out of the site.
 * Blocks the calling thread; meant for the {@code doctor} command, not for the server.
 */
public final class ResolverDiagnosis {

    private final List<ResolverStrategy> strategies;
    private final Duration deadline;
    private final Clock clock;

    /**
     * @param strategies the strategies in configured order
     * @param deadline   the most each step may take
     * @param clock      measures steps
     */
    public ResolverDiagnosis(List<ResolverStrategy> strategies, Duration deadline, Clock clock) {
        this.strategies = List.copyOf(strategies);
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Diagnoses {@code address}; blocks at most one deadline per strategy. */
    public DiagnosisReport diagnose(InetAddress address) {
        InetAddress unmapped = MappedAddresses.unmap(address);
        List<DiagnosisStep> steps = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean decided = false;
        for (ResolverStrategy strategy : strategies) {
            Instant start = clock.instant();
            StrategyAnswer answer = await(strategy, unmapped);
            Duration elapsed = Duration.between(start, clock.instant());
            boolean leak = answer.soa().map(NegativeSoa::isAs112).orElse(false);
            boolean decisive = !decided && answer.isDefinitive();
            decided |= decisive;
            steps.add(new DiagnosisStep(
                    strategy.name(),
                    answer.kind(),
                    answer.name(),
                    answer.source(),
                    answer.soa(),
                    elapsed,
                    decisive,
                    leak));
            warnings.addAll(warningsFor(strategy, answer, elapsed, leak));
        }
        return new DiagnosisReport(unmapped, steps, warnings);
    }

    private List<String> warningsFor(ResolverStrategy strategy, StrategyAnswer answer, Duration elapsed, boolean leak) {
        List<String> warnings = new ArrayList<>();
        if (leak) {
            warnings.add("the reverse zone " + answer.soa().orElseThrow().zone() + " was answered by AS112 ("
                    + answer.soa().orElseThrow().mname() + "): private reverse queries leave the site; serve"
                    + " the zone on your DNS server or put strategy local-ptr before dns");
        }
        if (answer.kind() == StrategyAnswer.Kind.TEMPORARY_FAILURE) {
            warnings.add(
                    strategy.name() + " failed temporarily after " + elapsed.toMillis() + " ms: " + answer.source());
        } else if (elapsed.compareTo(deadline.dividedBy(2)) > 0) {
            warnings.add(strategy.name() + " took " + elapsed.toMillis() + " ms, more than half the deadline");
        }
        return warnings;
    }

    private StrategyAnswer await(ResolverStrategy strategy, InetAddress address) {
        try {
            return strategy.lookup(address).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return StrategyAnswer.temporaryFailure("deadline of " + deadline.toMillis() + " ms exceeded");
        } catch (ExecutionException | RuntimeException e) {
            return StrategyAnswer.temporaryFailure("internal error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StrategyAnswer.temporaryFailure("interrupted");
        }
    }
}
