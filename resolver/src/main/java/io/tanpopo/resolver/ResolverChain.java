package io.tanpopo.resolver;

import io.tanpopo.resolver.strategy.ResolverStrategy;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries strategies in order; the first definitive answer (name or no name) wins, a strategy that
 * passes or fails temporarily hands on to the next. The one deadline per lookup is enforced here,
 * on the injected scheduler, because dnsjava's timeouts do not bound a whole lookup: on deadline
 * the result is a temporary failure (the query may still finish in the background, unused).
 */
public final class ResolverChain implements HostResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ResolverChain.class);
    private static final Resolution NO_STRATEGY_KNOWS =
            Resolution.noName("chain", Duration.ZERO, "no strategy knows the address", Duration.ofMinutes(15));

    private final List<ResolverStrategy> strategies;
    private final Duration deadline;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    /**
     * @param strategies the strategies in the order to try them
     * @param deadline   the longest a lookup may take
     * @param scheduler  fires the deadline
     * @param clock      measures elapsed time
     */
    public ResolverChain(
            List<ResolverStrategy> strategies, Duration deadline, ScheduledExecutorService scheduler, Clock clock) {
        this.strategies = List.copyOf(strategies);
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletableFuture<Resolution> resolve(InetAddress address) {
        InetAddress unmapped = MappedAddresses.unmap(address);
        Instant start = clock.instant();
        AtomicReference<String> current = new AtomicReference<>("chain");
        CompletableFuture<Resolution> result = new CompletableFuture<>();
        // The callback logs a failure and answers for it; the stage it returns only repeats it.
        var unused = step(0, unmapped, null, current).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.warn("resolver chain failed unexpectedly for {}", AddressText.of(unmapped), failure);
                result.complete(Resolution.temporaryFailure(
                        current.get(),
                        elapsed(start),
                        "internal error: " + failure.getClass().getSimpleName()));
            } else {
                result.complete(answer.withElapsed(elapsed(start)));
            }
        });
        if (!result.isDone()) {
            // Only a lookup that waits (DNS, a hosts file being read) needs the deadline: answers
            // from memory (local-ptr, a hosts file already read) are in hand by now.
            ScheduledFuture<?> timer = scheduler.schedule(
                    () -> result.complete(Resolution.deadlineExceeded(current.get(), elapsed(start), deadline)),
                    deadline.toMillis(),
                    TimeUnit.MILLISECONDS);
            // Only cancels the timer; the answer goes to the caller through result.
            var unusedCancel = result.whenComplete((r, e) -> timer.cancel(false));
        }
        return result;
    }

    /**
     * The chain's answer when every strategy it reaches answers from memory; empty as soon as one
     * would have to do I/O or wait (then {@link #resolve} is the way).
     */
    @Override
    public Optional<Resolution> resolveFromMemory(InetAddress address) {
        InetAddress unmapped = MappedAddresses.unmap(address);
        Resolution firstFailure = null;
        for (ResolverStrategy strategy : strategies) {
            Optional<StrategyAnswer> answer;
            try {
                answer = strategy.answerFromMemory(unmapped);
            } catch (RuntimeException e) {
                return Optional.empty(); // resolve() reports it, with the chain's own handling
            }
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            if (answer.get().isDefinitive()) {
                return Optional.of(toResolution(strategy, answer.get()));
            }
            if (firstFailure == null && answer.get().kind() == StrategyAnswer.Kind.TEMPORARY_FAILURE) {
                firstFailure = toResolution(strategy, answer.get());
            }
        }
        return Optional.of(firstFailure != null ? firstFailure : NO_STRATEGY_KNOWS);
    }

    private CompletableFuture<Resolution> step(
            int index, InetAddress address, Resolution firstFailure, AtomicReference<String> current) {
        if (index >= strategies.size()) {
            return CompletableFuture.completedFuture(firstFailure != null ? firstFailure : NO_STRATEGY_KNOWS);
        }
        ResolverStrategy strategy = strategies.get(index);
        current.set(strategy.name());
        return safeLookup(strategy, address).thenCompose(answer -> {
            if (answer.isDefinitive()) {
                return CompletableFuture.completedFuture(toResolution(strategy, answer));
            }
            Resolution failure = firstFailure == null && answer.kind() == StrategyAnswer.Kind.TEMPORARY_FAILURE
                    ? toResolution(strategy, answer)
                    : firstFailure;
            return step(index + 1, address, failure, current);
        });
    }

    private static CompletableFuture<StrategyAnswer> safeLookup(ResolverStrategy strategy, InetAddress address) {
        CompletableFuture<StrategyAnswer> answer;
        try {
            answer = strategy.lookup(address);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(e -> {
            LOG.warn("strategy {} failed for {}", strategy.name(), AddressText.of(address), e);
            return StrategyAnswer.temporaryFailure("internal error in " + strategy.name());
        });
    }

    static Resolution toResolution(ResolverStrategy strategy, StrategyAnswer answer) {
        return switch (answer.kind()) {
            case NAME ->
                Resolution.named(
                        answer.name().orElseThrow(), strategy.name(), Duration.ZERO, answer.source(), answer.ttl());
            case NO_NAME -> Resolution.noName(strategy.name(), Duration.ZERO, answer.source(), answer.ttl());
            case TEMPORARY_FAILURE, PASS ->
                Resolution.temporaryFailure(strategy.name(), Duration.ZERO, answer.source());
        };
    }

    private Duration elapsed(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
