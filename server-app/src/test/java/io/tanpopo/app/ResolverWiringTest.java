package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.access.TemporaryFailurePolicy;
import io.tanpopo.resolver.ResolverConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver.* and access.* keys: defaults, and errors that name the key or the rules line. */
class ResolverWiringTest {

    @TempDir
    Path dir;

    @Test
    void defaults_followTheIssue() {
        try (ResolverWiring wiring = new ResolverWiring(TestConfig.settings("pop3.hostname=pop.example.net"))) {
            ResolverConfig config = wiring.resolverConfig();
            assertThat(config.strategies()).containsExactly("hosts", "local-ptr", "dns");
            assertThat(config.hostsFile()).isEqualTo(Path.of("/etc/hosts"));
            assertThat(config.resolvConf()).isEqualTo(Path.of("/etc/resolv.conf"));
            assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(1));
            assertThat(config.localNames()).containsExactly("pop.example.net");
            assertThat(config.cache().failureTtl()).isEqualTo(Duration.ofSeconds(60));
            assertThat(wiring.accessRules().rules()).isEmpty();
        }
    }

    @Test
    void everyKey_isRead() {
        Path rules = TestConfig.write(dir, "rules", "10.:allow", ":deny");
        try (ResolverWiring wiring = new ResolverWiring(TestConfig.settings(
                "resolver.strategies=local-ptr, dns",
                "resolver.local-names=a.example,b.example",
                "resolver.pass-through=10.1.0.0/16",
                "resolver.dns-servers=127.0.0.1:5353,[::1]:53",
                "resolver.deadline=250ms",
                "resolver.forward-confirm=true",
                "resolver.cache-size=5",
                "resolver.max-in-flight=7",
                "resolver.cache-failure-ttl=5s",
                "access.rules=" + rules,
                "access.on-temporary-failure=deny"))) {
            ResolverConfig config = wiring.resolverConfig();
            assertThat(config.strategies()).containsExactly("local-ptr", "dns");
            assertThat(config.localNames()).containsExactly("a.example", "b.example", "localhost");
            assertThat(config.dnsServers()).hasSize(2);
            assertThat(config.deadline()).isEqualTo(Duration.ofMillis(250));
            assertThat(config.forwardConfirm()).isTrue();
            assertThat(config.cache().maxEntries()).isEqualTo(5);
            assertThat(config.cache().maxInFlight()).isEqualTo(7);
            assertThat(wiring.accessRules().rules()).hasSize(2);
            assertThat(wiring.accessRules().policy()).isEqualTo(TemporaryFailurePolicy.DENY);
        }
    }

    @Test
    void badValues_nameTheKeyAndLine() {
        assertThatThrownBy(
                        () -> new ResolverWiring(TestConfig.settings("resolver.strategies=hosts,dnz")).resolverConfig())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.properties:1: resolver.strategies");
        assertThatThrownBy(() ->
                        new ResolverWiring(TestConfig.settings("resolver.dns-servers=dns.example")).resolverConfig())
                .hasMessageContaining("resolver.dns-servers")
                .hasMessageContaining("names are not allowed");
        assertThatThrownBy(() -> new ResolverWiring(TestConfig.settings("resolver.deadline=0s")).resolverConfig())
                .hasMessageContaining("resolver.deadline");
        assertThatThrownBy(() ->
                        new ResolverWiring(TestConfig.settings("access.on-temporary-failure=maybe")).accessRules())
                .hasMessageContaining("access.on-temporary-failure");
    }

    @Test
    void malformedRulesFile_isAConfigErrorWithFileAndLine() {
        Path rules = TestConfig.write(dir, "rules", "# ok", "127.0.0.1:allow", "=bad host:deny");
        assertThatThrownBy(() -> new ResolverWiring(TestConfig.settings("access.rules=" + rules)).accessRules())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("access.rules")
                .hasMessageContaining(rules + ":3:");
        assertThatThrownBy(() ->
                        new ResolverWiring(TestConfig.settings("access.rules=" + dir.resolve("missing"))).accessRules())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void everyNewKey_isDocumented() {
        List<String> keys = List.of(
                "resolver.strategies",
                "resolver.hosts-file",
                "resolver.hosts-recheck",
                "resolver.local-names",
                "resolver.pass-through",
                "resolver.dns-servers",
                "resolver.resolv-conf",
                "resolver.deadline",
                "resolver.forward-confirm",
                "resolver.cache-size",
                "resolver.cache-max-name-ttl",
                "resolver.cache-max-negative-ttl",
                "resolver.cache-min-ttl",
                "resolver.cache-failure-ttl",
                "resolver.max-in-flight",
                "access.rules",
                "access.on-temporary-failure");
        assertThat(ConfigKeys.names()).containsAll(keys);
        keys.forEach(
                k -> assertThat(ConfigKeys.find(k).orElseThrow().description()).isNotBlank());
    }
}
