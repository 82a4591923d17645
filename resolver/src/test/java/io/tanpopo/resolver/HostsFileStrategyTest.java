package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.strategy.HostsFileStrategy;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import io.tanpopo.testsupport.MutableClock;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileStrategyTest {

    private static final Duration RECHECK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private StrategyAnswer lookup(HostsFileStrategy hosts, InetAddress address) {
        return hosts.lookup(address).join();
    }

    @Test
    void addressInFile_firstNameOfFirstLine() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), """
                # comment
                192.88.99.1   first.example.org first
                192.88.99.1   second.example.org
                2001:4860:1::9 six.example.org  # trailing comment
                """);
        HostsFileStrategy hosts = new HostsFileStrategy(file, clock, RECHECK);
        assertThat(lookup(hosts, ip("192.88.99.1")).name()).contains("first.example.org");
        assertThat(lookup(hosts, ip("192.88.99.1")).source()).endsWith("line 2");
        assertThat(lookup(hosts, ip("2001:4860:1:0:0:0:0:9")).name()).contains("six.example.org");
        assertThat(lookup(hosts, ip("192.88.99.2")).kind()).isEqualTo(StrategyAnswer.Kind.PASS);
    }

    @Test
    void ipv4MappedAddress_findsIpv4Line() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), "192.88.99.3 mapped.example.org\n");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 88, 99, 3};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        try (TestResolvers env = new TestResolvers(clock, java.util.List.of())) {
            ResolverChain chain = new ResolverChain(
                    java.util.List.of(new HostsFileStrategy(file, clock, RECHECK)),
                    Duration.ofSeconds(1),
                    env.scheduler,
                    clock);
            assertThat(chain.resolve(address).join().name()).contains("mapped.example.org");
        }
    }

    @Test
    void fileChanged_reReadAfterRecheckInterval() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), "192.88.99.4 old.example.org\n");
        HostsFileStrategy hosts = new HostsFileStrategy(file, clock, RECHECK);
        assertThat(lookup(hosts, ip("192.88.99.4")).name()).contains("old.example.org");

        Files.writeString(file, "192.88.99.4 renamed.example.org\n192.88.99.5 new.example.org\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(lookup(hosts, ip("192.88.99.4")).name())
                .as("not before the interval")
                .contains("old.example.org");

        clock.advance(RECHECK);
        assertThat(lookup(hosts, ip("192.88.99.4")).name()).contains("renamed.example.org");
        assertThat(lookup(hosts, ip("192.88.99.5")).name()).contains("new.example.org");
    }

    @Test
    void malformedLines_skipped_goodLinesWork() throws Exception {
        Path file = Files.writeString(
                dir.resolve("hosts"),
                "not-an-address host.example.org\n"
                        + "192.88.99.6\n"
                        + "192.88.99.7 bad..name\n"
                        + "192.88.99.8 " + "x".repeat(5000) + "\n"
                        + "999.1.1.1 overflow.example.org\n"
                        + "\t192.88.99.9\tgood.example.org\n");
        HostsFileStrategy hosts = new HostsFileStrategy(file, clock, RECHECK);
        assertThat(lookup(hosts, ip("192.88.99.9")).name()).contains("good.example.org");
        assertThat(lookup(hosts, ip("192.88.99.9")).source()).endsWith("line 6");
        assertThat(lookup(hosts, ip("192.88.99.7")).kind()).isEqualTo(StrategyAnswer.Kind.PASS);
        assertThat(lookup(hosts, ip("192.88.99.8")).kind()).isEqualTo(StrategyAnswer.Kind.PASS);
    }

    @Test
    void missingFile_passes_andIsPickedUpWhenCreated() throws Exception {
        Path file = dir.resolve("absent");
        HostsFileStrategy hosts = new HostsFileStrategy(file, clock, RECHECK);
        assertThat(lookup(hosts, ip("192.88.99.10")).kind()).isEqualTo(StrategyAnswer.Kind.PASS);
        Files.writeString(file, "192.88.99.10 late.example.org\n");
        clock.advance(RECHECK);
        assertThat(lookup(hosts, ip("192.88.99.10")).name()).contains("late.example.org");
    }

    @Test
    void oversizedFile_onlyFirstMegabyteIndexed() throws Exception {
        StringBuilder text = new StringBuilder("192.88.99.11 early.example.org\n");
        String filler = "# " + "f".repeat(1000) + "\n";
        while (text.length() <= HostsFileStrategy.MAX_FILE_SIZE) {
            text.append(filler);
        }
        text.append("192.88.99.12 late.example.org\n");
        Path file = Files.writeString(dir.resolve("hosts"), text);
        HostsFileStrategy hosts = new HostsFileStrategy(file, clock, RECHECK);
        assertThat(lookup(hosts, ip("192.88.99.11")).name()).contains("early.example.org");
        assertThat(lookup(hosts, ip("192.88.99.12")).kind()).isEqualTo(StrategyAnswer.Kind.PASS);
    }
}
