package io.tanpopo.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResolverConfigTest {

    private static final Path HOSTS = Path.of("hosts");
    private static final Path RESOLV = Path.of("resolv.conf");

    private static ResolverConfig withStrategies(List<String> strategies) {
        return with(strategies, ResolverConfig.defaults(HOSTS, RESOLV).passThrough());
    }

    private static ResolverConfig withPassThrough(List<String> passThrough) {
        return with(ResolverConfig.defaults(HOSTS, RESOLV).strategies(), passThrough);
    }

    private static ResolverConfig with(List<String> strategies, List<String> passThrough) {
        ResolverConfig d = ResolverConfig.defaults(HOSTS, RESOLV);
        return new ResolverConfig(
                strategies,
                d.hostsFile(),
                d.localNames(),
                passThrough,
                d.dnsServers(),
                d.resolvConf(),
                d.deadline(),
                d.forwardConfirm(),
                d.hostsRecheck(),
                d.cache());
    }

    @Test
    void defaults_hostsLocalPtrDns_oneSecond() {
        ResolverConfig config = ResolverConfig.defaults(HOSTS, RESOLV);
        assertThat(config.strategies()).containsExactly("hosts", "local-ptr", "dns");
        assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void passThrough_autoByDefault_noneOrAListOverride() {
        ResolverConfig auto = ResolverConfig.defaults(HOSTS, RESOLV);
        assertThat(auto.passThrough()).containsExactly("auto");
        assertThat(auto.learnsPassThrough()).isTrue();
        assertThat(auto.passThroughZones()).isEmpty();
        assertThat(auto.passThroughRecheck()).isEqualTo(Duration.ofMinutes(10));
        assertThat(withPassThrough(List.of("none")).learnsPassThrough()).isFalse();
        assertThat(withPassThrough(List.of()).learnsPassThrough()).isFalse();
        ResolverConfig listed = withPassThrough(List.of("10.0.0.0/8", "fd00::/8"));
        assertThat(listed.learnsPassThrough()).isFalse();
        assertThat(listed.passThroughListed()).isTrue();
        assertThat(listed.passThroughZones()).hasSize(2);
        assertThat(withStrategies(List.of("local-ptr", "hosts")).learnsPassThrough())
                .as("nothing to learn without dns")
                .isFalse();
        assertThatThrownBy(() -> withPassThrough(List.of("auto", "10.0.0.0/8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resolver.pass-through: auto or none");
    }

    @Test
    void passThroughRecheck_mustBePositive() {
        ResolverConfig d = ResolverConfig.defaults(HOSTS, RESOLV);
        assertThatThrownBy(() -> new ResolverConfig(
                        d.strategies(),
                        d.hostsFile(),
                        d.localNames(),
                        d.passThrough(),
                        d.dnsServers(),
                        d.resolvConf(),
                        d.deadline(),
                        d.forwardConfirm(),
                        d.hostsRecheck(),
                        d.cache(),
                        Duration.ZERO))
                .hasMessageStartingWith("resolver.pass-through-recheck:");
    }

    @Test
    void unknownStrategy_messageNamesKeyAndKnownValues() {
        assertThatThrownBy(() -> ResolverConfig.parseStrategies("hosts, foo"))
                .hasMessage("resolver.strategies: unknown strategy 'foo' (known: hosts, local-ptr, dns, none)");
        assertThatThrownBy(() -> withStrategies(List.of("dns", "DNS")))
                .hasMessageStartingWith("resolver.strategies: a strategy is listed twice");
        assertThatThrownBy(() -> withStrategies(List.of("none", "dns")))
                .hasMessageContaining("'none' cannot be combined");
    }

    @Test
    void parseStrategies_trimsAndLowercases() {
        assertThat(ResolverConfig.parseStrategies(" Hosts ,dns")).containsExactly("hosts", "dns");
    }

    @Test
    void badValues_messagesNameTheirKeys() {
        ResolverConfig d = ResolverConfig.defaults(HOSTS, RESOLV);
        assertThatThrownBy(() -> new ResolverConfig(
                        d.strategies(),
                        d.hostsFile(),
                        List.of("bad name"),
                        d.passThrough(),
                        d.dnsServers(),
                        d.resolvConf(),
                        d.deadline(),
                        false,
                        d.hostsRecheck(),
                        d.cache()))
                .hasMessageStartingWith("resolver.local-names:");
        assertThatThrownBy(() -> new ResolverConfig(
                        d.strategies(),
                        d.hostsFile(),
                        List.of(),
                        List.of("10.0.0.0"),
                        d.dnsServers(),
                        d.resolvConf(),
                        d.deadline(),
                        false,
                        d.hostsRecheck(),
                        d.cache()))
                .hasMessageStartingWith("resolver.pass-through:");
        assertThatThrownBy(() -> new ResolverConfig(
                        d.strategies(),
                        d.hostsFile(),
                        List.of(),
                        List.of(),
                        d.dnsServers(),
                        d.resolvConf(),
                        Duration.ZERO,
                        false,
                        d.hostsRecheck(),
                        d.cache()))
                .hasMessageStartingWith("resolver.deadline:");
        assertThatThrownBy(() -> new ResolverConfig(
                        d.strategies(),
                        null,
                        List.of(),
                        List.of(),
                        d.dnsServers(),
                        d.resolvConf(),
                        d.deadline(),
                        false,
                        d.hostsRecheck(),
                        d.cache()))
                .hasMessageStartingWith("resolver.hosts-file:");
        assertThatThrownBy(() -> new CacheLimits(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1))
                .hasMessageStartingWith("resolver.cache-size:");
    }

    @Test
    void parseServer_literalsWithOptionalPort_namesRefused() {
        assertThat(ResolverConfig.parseServer("192.0.2.53")).isEqualTo(new InetSocketAddress("192.0.2.53", 53));
        assertThat(ResolverConfig.parseServer("192.0.2.53:5353").getPort()).isEqualTo(5353);
        assertThat(ResolverConfig.parseServer("[2001:db8::53]:54").getPort()).isEqualTo(54);
        assertThat(ResolverConfig.parseServer("2001:db8::53").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> ResolverConfig.parseServer("dns.example.org"))
                .hasMessageStartingWith("resolver.dns-servers: 'dns.example.org'");
        assertThatThrownBy(() -> ResolverConfig.parseServer("192.0.2.53:99999"))
                .hasMessageStartingWith("resolver.dns-servers:");
    }

    @Test
    void resolvConf_nameserverLinesAtMostThree(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("resolv.conf"), """
                search example.org
                nameserver 192.0.2.1
                nameserver not-an-address
                nameserver ::1
                nameserver 192.0.2.3
                nameserver 192.0.2.4
                """);
        assertThat(DnsServerAddresses.fromResolvConf(file))
                .extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("192.0.2.1", "0:0:0:0:0:0:0:1", "192.0.2.3");
        assertThat(DnsServerAddresses.fromResolvConf(dir.resolve("missing")))
                .containsExactly(new InetSocketAddress("127.0.0.1", 53));
    }

    @Test
    void none_answersNoNameImmediately() throws Exception {
        try (TestResolvers env = new TestResolvers()) {
            Resolution r = env.create(withStrategies(List.of("none")))
                    .resolve(TestResolvers.ip("192.88.99.1"))
                    .get(1, TimeUnit.SECONDS);
            assertThat(r.outcome()).isEqualTo(Outcome.NO_NAME);
            assertThat(r.strategy()).isEqualTo("disabled");
        }
    }
}
