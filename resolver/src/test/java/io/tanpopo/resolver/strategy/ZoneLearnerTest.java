package io.tanpopo.resolver.strategy;

import static io.tanpopo.resolver.strategy.PrivateZoneTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.ScriptedDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

class ZoneLearnerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<ZoneDecision> heard = new CopyOnWriteArrayList<>();
    private final List<ScriptedDnsServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ScriptedDnsServer::close);
        scheduler.shutdownNow();
    }

    @Test
    void zoneCutOnTheDnsServer_isServed_andLocalPtrPassesItOn() throws IOException {
        ZoneLearner learner = learner(servingEveryZone());
        LocalPtrStrategy localPtr = new LocalPtrStrategy(List.of(), List.of(), learner, List::of, Clock.systemUTC());

        StrategyAnswer first = localPtr.lookup(ip("10.200.0.100")).join();
        assertThat(first.kind()).as("the lookup that sees it answers as before").isEqualTo(StrategyAnswer.Kind.NO_NAME);
        assertThat(first.source()).contains("being learned");
        Await.until(
                Duration.ofSeconds(5),
                "the zone to be learned",
                () -> learner.consult(ip("10.200.0.1")).isPresent());

        ZoneDecision decision = learner.decisions().get(0);
        assertThat(decision.served()).isTrue();
        assertThat(decision.zone()).isEqualTo("0.200.10.in-addr.arpa");
        assertThat(decision.reason()).contains("a zone cut below 10.in-addr.arpa");
        assertThat(heard).containsExactly(decision);
        assertThat(localPtr.lookup(ip("10.200.0.100")).join().kind()).isEqualTo(StrategyAnswer.Kind.PASS);
        assertThat(localPtr.lookup(ip("10.201.0.100")).join().kind())
                .as("another /24 is its own zone")
                .isEqualTo(StrategyAnswer.Kind.NO_NAME);
    }

    @Test
    void as112Answer_isAnsweredLocally() throws IOException {
        ZoneLearner learner = learner(ScriptedDnsServer.as112());
        ZoneDecision decision = learner.learn(ip("10.0.0.100")).join().orElseThrow();
        assertThat(decision.served()).isFalse();
        assertThat(decision.reason()).contains("prisoner.iana.org", "AS112");
    }

    @Test
    void silentServer_isAnsweredLocally_andTheNextServerIsAsked() throws IOException {
        ZoneLearner silentOnly = learner(ScriptedDnsServer.blackHole());
        ZoneDecision silent = silentOnly.learn(ip("192.168.1.7")).join().orElseThrow();
        assertThat(silent.served()).isFalse();
        assertThat(silent.reason()).contains("no answer within 300 ms", "no server decided");

        ZoneLearner second = learner(ScriptedDnsServer.rcode(Rcode.SERVFAIL), servingEveryZone());
        assertThat(second.learn(ip("fd00::2")).join().orElseThrow().served()).isTrue();
    }

    @Test
    void manySightingsOfOneZone_sendOneQuery() throws IOException {
        ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole();
        ZoneLearner learner = learner(blackHole);
        IntStream.range(1, 50).forEach(host -> learner.consult(ip("172.20.1." + host)));
        Await.until(
                Duration.ofSeconds(5), "a decision", () -> !learner.decisions().isEmpty());
        assertThat(blackHole.queries()).isEqualTo(1);
    }

    @Test
    void learnedZones_areBounded() throws IOException {
        ZoneLearner learner = learner(servingEveryZone());
        List<InetAddress> addresses = IntStream.range(0, ZoneLearner.MAX_ZONES + 20)
                .mapToObj(i -> ip("10." + (i / 256) + "." + (i % 256) + ".1"))
                .toList();
        learner.learnAll(addresses).join();
        assertThat(learner.decisions()).hasSize(ZoneLearner.MAX_ZONES);
        assertThat(learner.learn(addresses.get(addresses.size() - 1)).join()).isEmpty();
    }

    @Test
    void publicAddresses_areNotLearned() throws IOException {
        ScriptedDnsServer server = servingEveryZone();
        ZoneLearner learner = learner(server);
        assertThat(learner.consult(ip("8.8.8.8"))).isEmpty();
        assertThat(learner.learn(ip("192.0.2.1")).join()).isEmpty();
        assertThat(server.queries()).isZero();
    }

    private ZoneLearner learner(ScriptedDnsServer... dns) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (ScriptedDnsServer server : dns) {
            servers.add(server);
            addresses.add(server.address());
        }
        return new ZoneLearner(addresses, TIMEOUT, scheduler, Clock.systemUTC(), heard::add);
    }

    /** An operator's DNS: every zone asked about is a zone of its own (an SOA at the name asked). */
    private static ScriptedDnsServer servingEveryZone() throws IOException {
        return ScriptedDnsServer.answering(query -> {
            Message reply = ScriptedDnsServer.reply(query, Rcode.NOERROR);
            Name zone = query.getQuestion().getName();
            reply.addRecord(
                    new SOARecord(
                            zone,
                            DClass.IN,
                            300,
                            Name.fromConstantString("ns.lan.example."),
                            Name.fromConstantString("hostmaster.lan.example."),
                            1,
                            3600,
                            600,
                            86400,
                            300),
                    Section.ANSWER);
            return Optional.of(reply);
        });
    }
}
