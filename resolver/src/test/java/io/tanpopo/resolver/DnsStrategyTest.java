package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.strategy.DnsStrategy;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import io.tanpopo.testsupport.ScriptedDnsServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The DNS strategy treats answers as untrusted input. */
class DnsStrategyTest {

    private final TestResolvers env = new TestResolvers();

    @AfterEach
    void close() throws Exception {
        env.close();
    }

    private StrategyAnswer lookup(Function<Message, Optional<Message>> responder, String address) throws Exception {
        try (ScriptedDnsServer server = ScriptedDnsServer.answering(responder)) {
            DnsStrategy dns = new DnsStrategy(List.of(server.address()), Duration.ofSeconds(1), false, env.scheduler);
            return dns.lookup(ip(address)).get(5, TimeUnit.SECONDS);
        }
    }

    private static Name name(String text) {
        return Name.fromConstantString(text);
    }

    @Test
    void nonPtrRecordsAndForeignOwners_ignored() throws Exception {
        StrategyAnswer answer = lookup(
                query -> {
                    Message reply = ScriptedDnsServer.reply(query, Rcode.NOERROR);
                    Name qname = query.getQuestion().getName();
                    reply.addRecord(new ARecord(qname, DClass.IN, 60, ip("192.88.99.1")), Section.ANSWER);
                    reply.addRecord(
                            new PTRRecord(name("other.in-addr.arpa."), DClass.IN, 60, name("evil.example.")),
                            Section.ANSWER);
                    reply.addRecord(new PTRRecord(qname, DClass.IN, 60, name("right.example.org.")), Section.ANSWER);
                    return Optional.of(reply);
                },
                "192.88.99.60");
        assertThat(answer.name()).contains("right.example.org");
        assertThat(answer.ttl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void classlessDelegationCname_followed() throws Exception {
        StrategyAnswer answer = lookup(
                query -> {
                    Message reply = ScriptedDnsServer.reply(query, Rcode.NOERROR);
                    Name target = name("61.0/26.99.88.192.in-addr.arpa.");
                    reply.addRecord(
                            new CNAMERecord(query.getQuestion().getName(), DClass.IN, 60, target), Section.ANSWER);
                    reply.addRecord(new PTRRecord(target, DClass.IN, 60, name("rfc2317.example.org.")), Section.ANSWER);
                    return Optional.of(reply);
                },
                "192.88.99.61");
        assertThat(answer.name()).contains("rfc2317.example.org");
    }

    @Test
    void ptrWithInvalidName_noName() throws Exception {
        StrategyAnswer answer = lookup(
                query -> {
                    Message reply = ScriptedDnsServer.reply(query, Rcode.NOERROR);
                    reply.addRecord(
                            new PTRRecord(
                                    query.getQuestion().getName(),
                                    DClass.IN,
                                    60,
                                    Name.fromConstantString("bad\\032name.example.")),
                            Section.ANSWER);
                    return Optional.of(reply);
                },
                "192.88.99.62");
        assertThat(answer.kind()).isEqualTo(StrategyAnswer.Kind.NO_NAME);
        assertThat(answer.source()).contains("invalid name");
    }

    @Test
    void ptrBeyondRecordLimit_ignored() throws Exception {
        StrategyAnswer answer = lookup(
                query -> {
                    Message reply = ScriptedDnsServer.reply(query, Rcode.NOERROR);
                    Name qname = query.getQuestion().getName();
                    for (int i = 0; i < 40; i++) {
                        reply.addRecord(new ARecord(qname, DClass.IN, 60, ip("192.88.99." + i)), Section.ANSWER);
                    }
                    reply.addRecord(new PTRRecord(qname, DClass.IN, 60, name("late.example.org.")), Section.ANSWER);
                    return Optional.of(reply);
                },
                "192.88.99.63");
        assertThat(answer.kind()).isEqualTo(StrategyAnswer.Kind.NO_NAME);
        assertThat(answer.source()).contains("NODATA");
    }

    @Test
    void nxdomainWithSoa_noNameWithNegativeTtl() throws Exception {
        try (ScriptedDnsServer as112 = ScriptedDnsServer.as112()) {
            DnsStrategy dns = new DnsStrategy(List.of(as112.address()), Duration.ofSeconds(1), false, env.scheduler);
            StrategyAnswer answer = dns.lookup(ip("10.0.0.100")).get(5, TimeUnit.SECONDS);
            assertThat(answer.kind()).isEqualTo(StrategyAnswer.Kind.NO_NAME);
            assertThat(answer.soa()).hasValueSatisfying(soa -> {
                assertThat(soa.mname()).isEqualTo("prisoner.iana.org");
                assertThat(soa.negativeTtl()).isEqualTo(Duration.ofDays(7));
                assertThat(soa.isAs112()).isTrue();
            });
        }
    }
}
