package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.resolver.strategy.InterfaceAddresses;
import io.tanpopo.resolver.strategy.LocalPtrStrategy;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import io.tanpopo.testsupport.MutableClock;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPtrStrategyTest {

    private final MutableClock clock = new MutableClock();
    private final List<InetAddress> own = List.of(ip("192.88.99.100"), ip("10.0.0.100"));

    private LocalPtrStrategy strategy(List<String> names, List<String> passThrough) {
        return new LocalPtrStrategy(names, passThrough.stream().map(Cidr::parse).toList(), () -> own, clock);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.1.1",
                "100.64.0.1",
                "100.127.255.1",
                "0.1.2.3",
                "192.0.2.1",
                "198.51.100.1",
                "203.0.113.1",
                "fe80::1",
                "fd00::1",
                "fc00::1",
                "2001:db8::1"
            })
    void locallyServedZone_noName(String address) {
        StrategyAnswer answer =
                strategy(List.of(), List.of()).lookup(ip(address)).join();
        assertThat(answer.kind()).isEqualTo(StrategyAnswer.Kind.NO_NAME);
        assertThat(answer.source()).contains("RFC 6303");
    }

    @ParameterizedTest
    @ValueSource(strings = {"172.32.0.1", "100.128.0.1", "8.8.8.8", "192.88.99.1", "2001:4860::1", "fec0::1"})
    void publicAddress_passes(String address) {
        assertThat(strategy(List.of(), List.of()).lookup(ip(address)).join().kind())
                .isEqualTo(StrategyAnswer.Kind.PASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1"})
    void loopback_isLocalhost(String address) {
        assertThat(strategy(List.of("pop.example.net"), List.of())
                        .lookup(ip(address))
                        .join()
                        .name())
                .contains("localhost");
    }

    @Test
    void ownInterfaceAddress_isFirstLocalName() {
        LocalPtrStrategy local = strategy(List.of("pop.example.net", "alias.example.net"), List.of());
        assertThat(local.lookup(ip("192.88.99.100")).join().name()).contains("pop.example.net");
        assertThat(local.lookup(ip("10.0.0.100")).join().name()).contains("pop.example.net");
    }

    @Test
    void ownPrivateAddress_withoutLocalNames_noName() {
        assertThat(strategy(List.of(), List.of())
                        .lookup(ip("10.0.0.100"))
                        .join()
                        .kind())
                .isEqualTo(StrategyAnswer.Kind.NO_NAME);
    }

    @Test
    void passThroughZone_passes_restOfPrivateSpaceStillLocal() {
        LocalPtrStrategy local = strategy(List.of(), List.of("10.9.0.0/16"));
        assertThat(local.lookup(ip("10.9.3.4")).join().kind()).isEqualTo(StrategyAnswer.Kind.PASS);
        assertThat(local.lookup(ip("10.8.3.4")).join().kind()).isEqualTo(StrategyAnswer.Kind.NO_NAME);
    }

    @Test
    void interfaceAddresses_listedAtMostOncePerMinute() {
        AtomicInteger calls = new AtomicInteger();
        LocalPtrStrategy local = new LocalPtrStrategy(
                List.of("pop.example.net"),
                List.of(),
                () -> {
                    calls.incrementAndGet();
                    return own;
                },
                clock);
        local.lookup(ip("192.88.99.1")).join();
        local.lookup(ip("192.88.99.2")).join();
        assertThat(calls).hasValue(1);
        clock.advance(java.time.Duration.ofSeconds(61));
        local.lookup(ip("192.88.99.3")).join();
        assertThat(calls).hasValue(2);
    }

    @Test
    void defaultInterfaceAddresses_includeLoopback() {
        assertThat(new InterfaceAddresses().get()).anyMatch(InetAddress::isLoopbackAddress);
    }
}
