package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResolverCacheTest {

    private final MutableClock clock = new MutableClock();
    private final ResolverCache cache = new ResolverCache(
            new CacheLimits(
                    2, Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(60), 10),
            clock);

    @Test
    void name_keptForItsTtl_cappedAtOneHour() {
        cache.put(ip("192.88.99.1"), Resolution.named("a.example", "dns", Duration.ZERO, "s", Duration.ofDays(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.get(ip("192.88.99.1")))
                .hasValueSatisfying(r -> assertThat(r.cached()).isTrue());
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.get(ip("192.88.99.1"))).isEmpty();
    }

    @Test
    void noName_cappedAtFifteenMinutes_zeroTtlFlooredAtThirtySeconds() {
        cache.put(ip("192.88.99.2"), Resolution.noName("dns", Duration.ZERO, "s", Duration.ofDays(7)));
        cache.put(ip("192.88.99.3"), Resolution.noName("dns", Duration.ZERO, "s", Duration.ZERO));
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get(ip("192.88.99.3"))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(ip("192.88.99.3"))).isEmpty();
        clock.advance(Duration.ofMinutes(14));
        assertThat(cache.get(ip("192.88.99.2"))).isPresent();
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get(ip("192.88.99.2"))).isEmpty();
    }

    @Test
    void temporaryFailure_keptOneMinute() {
        cache.put(ip("192.88.99.4"), Resolution.temporaryFailure("dns", Duration.ZERO, "timeout"));
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get(ip("192.88.99.4"))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(ip("192.88.99.4"))).isEmpty();
    }

    @Test
    void bounded_leastRecentlyUsedDropped() {
        cache.put(ip("192.88.99.5"), Resolution.named("a.example", "dns", Duration.ZERO, "s", Duration.ofMinutes(5)));
        cache.put(ip("192.88.99.6"), Resolution.named("b.example", "dns", Duration.ZERO, "s", Duration.ofMinutes(5)));
        cache.get(ip("192.88.99.5"));
        cache.put(ip("192.88.99.7"), Resolution.named("c.example", "dns", Duration.ZERO, "s", Duration.ofMinutes(5)));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(ip("192.88.99.6"))).isEmpty();
        assertThat(cache.get(ip("192.88.99.5"))).isPresent();
    }
}
