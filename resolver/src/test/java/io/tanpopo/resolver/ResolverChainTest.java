package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.strategy.ResolverStrategy;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResolverChainTest {

    private final TestResolvers env = new TestResolvers();

    @AfterEach
    void close() throws Exception {
        env.close();
    }

    private static ResolverStrategy strategy(String name, Function<InetAddress, CompletableFuture<StrategyAnswer>> f) {
        return new ResolverStrategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<StrategyAnswer> lookup(InetAddress address) {
                return f.apply(address);
            }
        };
    }

    private Resolution resolve(List<ResolverStrategy> strategies) throws Exception {
        ResolverChain chain = new ResolverChain(strategies, Duration.ofMillis(500), env.scheduler, env.clock);
        return chain.resolve(ip("192.88.99.1")).get(5, TimeUnit.SECONDS);
    }

    @Test
    void throwingStrategy_isTemporaryFailure_nextStrategyStillTried() throws Exception {
        Resolution r = resolve(List.of(
                strategy("broken", a -> {
                    throw new IllegalStateException("boom");
                }),
                strategy(
                        "good",
                        a -> CompletableFuture.completedFuture(
                                StrategyAnswer.named("x.example", "test", Duration.ofMinutes(1))))));
        assertThat(r.name()).contains("x.example");
        assertThat(r.strategy()).isEqualTo("good");
    }

    @Test
    void temporaryFailureThenPass_resultIsTheTemporaryFailure() throws Exception {
        Resolution r = resolve(List.of(
                strategy("failing", a -> CompletableFuture.failedFuture(new RuntimeException("x"))),
                strategy("passing", a -> CompletableFuture.completedFuture(StrategyAnswer.pass("not mine")))));
        assertThat(r.outcome()).isEqualTo(Outcome.TEMPORARY_FAILURE);
        assertThat(r.strategy()).isEqualTo("failing");
    }

    @Test
    void allPass_noName() throws Exception {
        Resolution r = resolve(
                List.of(strategy("passing", a -> CompletableFuture.completedFuture(StrategyAnswer.pass("not mine")))));
        assertThat(r.outcome()).isEqualTo(Outcome.NO_NAME);
    }

    @Test
    void strategyNeverCompleting_deadlineNamesTheStrategy() throws Exception {
        Resolution r = resolve(List.of(strategy("stuck", a -> new CompletableFuture<>())));
        assertThat(r.outcome()).isEqualTo(Outcome.TEMPORARY_FAILURE);
        assertThat(r.strategy()).isEqualTo("stuck");
        assertThat(r.source()).isEqualTo("deadline of 500 ms exceeded");
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(490));
    }

    @Test
    void answerInHand_completesAtOnce_withoutSchedulingADeadline() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            ResolverChain chain = new ResolverChain(
                    List.of(
                            strategy(
                                    "passing", a -> CompletableFuture.completedFuture(StrategyAnswer.pass("not mine"))),
                            strategy(
                                    "memory",
                                    a -> CompletableFuture.completedFuture(
                                            StrategyAnswer.named("m.example", "test", Duration.ofMinutes(1))))),
                    Duration.ofMillis(500),
                    scheduler,
                    env.clock);
            CompletableFuture<Resolution> r = chain.resolve(ip("192.88.99.1"));
            assertThat(r).isCompleted();
            assertThat(r.get().name()).contains("m.example");
            assertThat(scheduler.getQueue()).as("deadlines scheduled").isEmpty();

            CompletableFuture<StrategyAnswer> later = new CompletableFuture<>();
            CompletableFuture<Resolution> waiting = new ResolverChain(
                            List.of(strategy("waits", a -> later)), Duration.ofSeconds(30), scheduler, env.clock)
                    .resolve(ip("192.88.99.1"));
            assertThat(scheduler.getQueue())
                    .as("a lookup that waits gets its deadline")
                    .hasSize(1);
            later.complete(StrategyAnswer.named("w.example", "test", Duration.ofMinutes(1)));
            assertThat(waiting.get(5, TimeUnit.SECONDS).name()).contains("w.example");
            assertThat(scheduler.getQueue())
                    .as("the deadline is cancelled once answered")
                    .singleElement()
                    .matches(task -> ((Future<?>) task).isCancelled());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
