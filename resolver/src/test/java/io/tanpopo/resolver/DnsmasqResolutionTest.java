package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.config;
import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.RequiresProgram;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution against a real DNS server (dnsmasq) on 127.0.0.1. */
@RequiresProgram(value = "/usr/sbin/dnsmasq", debianPackage = "dnsmasq-base")
class DnsmasqResolutionTest {

    @TempDir
    static Path dir;

    static Dnsmasq dnsmasq;
    static TestResolvers env;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = Dnsmasq.start(
                dir,
                List.of(
                        "--ptr-record=5.99.88.192.in-addr.arpa,mail.example.org",
                        "--host-record=confirmed.example.org,192.88.99.6",
                        "--host-record=v6.example.org,2001:4860:1::7",
                        "--ptr-record=1.0.9.10.in-addr.arpa,intranet.corp.example",
                        "--local=/99.88.192.in-addr.arpa/"));
        env = new TestResolvers();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
        dnsmasq.close();
    }

    private static Resolution resolve(
            List<String> strategies, List<String> passThrough, boolean confirm, InetAddress address) throws Exception {
        HostResolver resolver = env.create(config(
                strategies,
                dir.resolve("no-hosts"),
                passThrough,
                List.of(dnsmasq.address()),
                Duration.ofSeconds(2),
                confirm));
        return resolver.resolve(address).get(5, TimeUnit.SECONDS);
    }

    @Test
    void dns_ptrRecord_givesName() throws Exception {
        Resolution r = resolve(List.of("dns"), List.of(), false, ip("192.88.99.5"));
        assertThat(r.outcome()).isEqualTo(Outcome.NAME);
        assertThat(r.name()).contains("mail.example.org");
        assertThat(r.strategy()).isEqualTo("dns");
        assertThat(r.source()).contains(dnsmasq.address().getPort() + " NOERROR");
    }

    @Test
    void dns_ipv6Ptr_givesName() throws Exception {
        Resolution r = resolve(List.of("dns"), List.of(), false, ip("2001:4860:1::7"));
        assertThat(r.name()).contains("v6.example.org");
    }

    @Test
    void dns_ipv4MappedAddress_isResolvedAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 88, 99, 5};
        Resolution r = resolve(List.of("dns"), List.of(), false, Inet6Address.getByAddress(null, mapped, -1));
        assertThat(r.name()).contains("mail.example.org");
    }

    @Test
    void forwardConfirm_matchingAddress_keepsName() throws Exception {
        Resolution r = resolve(List.of("dns"), List.of(), true, ip("192.88.99.6"));
        assertThat(r.name()).contains("confirmed.example.org");
        assertThat(r.source()).contains("forward-confirmed");
    }

    @Test
    void forwardConfirm_nameWithoutAddress_givesNoName() throws Exception {
        Resolution r = resolve(List.of("dns"), List.of(), true, ip("192.88.99.5"));
        assertThat(r.outcome()).isEqualTo(Outcome.NO_NAME);
        assertThat(r.source()).contains("forward confirmation of mail.example.org failed");
    }

    @Test
    void localPtr_privateAddress_noNameWithoutQuery() throws Exception {
        Resolution r = resolve(List.of("local-ptr", "dns"), List.of(), false, ip("10.1.2.3"));
        assertThat(r.outcome()).isEqualTo(Outcome.NO_NAME);
        assertThat(r.strategy()).isEqualTo("local-ptr");
        assertThat(dnsmasq.loggedQueries("3.2.1.10.in-addr.arpa")).isZero();
    }

    @Test
    void localPtr_passThroughZone_goesToDns() throws Exception {
        Resolution r = resolve(List.of("local-ptr", "dns"), List.of("10.9.0.0/16"), false, ip("10.9.0.1"));
        assertThat(r.name()).contains("intranet.corp.example");
        assertThat(r.strategy()).isEqualTo("dns");
        assertThat(dnsmasq.loggedQueries("1.0.9.10.in-addr.arpa")).isEqualTo(1);
    }

    @Test
    void dns_nxdomainInLocalZone_givesNoName() throws Exception {
        Resolution r = resolve(List.of("dns"), List.of(), false, ip("192.88.99.9"));
        assertThat(r.outcome()).as(r.describe()).isEqualTo(Outcome.NO_NAME);
        assertThat(r.source()).contains("NXDOMAIN");
    }

    @Test
    void dns_refused_isTemporaryFailure() throws Exception {
        Resolution r = resolve(List.of("dns"), List.of(), false, ip("192.88.98.1"));
        assertThat(r.outcome()).as(r.describe()).isEqualTo(Outcome.TEMPORARY_FAILURE);
        assertThat(r.source()).contains("REFUSED");
    }
}
