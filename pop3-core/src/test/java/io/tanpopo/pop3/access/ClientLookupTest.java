package io.tanpopo.pop3.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.session.ClientLookup;
import io.tanpopo.resolver.Resolution;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server's use of the resolver and access rules, with lookups answered by the test. */
class ClientLookupTest {

    private static final String DENIED = "-ERR [SYS/PERM] Access denied";

    private final ControlledResolver resolver = new ControlledResolver();
    private final RecordingAuthenticator users = new RecordingAuthenticator("alice", "secret");

    private Pop3ServerBuilder server(Duration deadline, String rules, TemporaryFailurePolicy policy) {
        return Pop3Server.builder()
                .noTls()
                .authenticator(users)
                .resolver(resolver, deadline)
                .accessRules(AccessRulesParser.parse(rules, "rules", policy));
    }

    @Test
    void greeting_goesOutWhileTheLookupIsPending_andPassWaitsForTheName() throws Exception {
        try (Pop3Server server = server(Duration.ofSeconds(30), "", TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).startsWith("+OK");
            ControlledResolver.Lookup lookup = resolver.next();
            assertThat(lookup.address().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(pop.command("USER alice")).startsWith("+OK");
            pop.send("PASS secret\r\n".getBytes(StandardCharsets.US_ASCII));
            lookup.name("client.example.test");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(users.seen())
                    .singleElement()
                    .satisfies(c -> assertThat(c.remoteHostName()).contains("client.example.test"));
        }
    }

    @Test
    void answersFromDnsOrNone_areLoggedAtInfo_localAnswersAtDebug() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ClientLookup.class);
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.DEBUG);
        try (Pop3Server server = server(Duration.ofSeconds(30), "", TemporaryFailurePolicy.NO_MATCH)
                .start()) {
            loginAnswered(
                    server,
                    Resolution.named("dns.example", "dns", Duration.ofMillis(40), "PTR", Duration.ofMinutes(1)));
            loginAnswered(
                    server, Resolution.named("localhost", "local-ptr", Duration.ZERO, "own", Duration.ofMinutes(1)));
            loginAnswered(
                    server,
                    Resolution.named("cached.example", "dns", Duration.ZERO, "PTR", Duration.ofMinutes(1))
                            .asCached());
            loginAnswered(server, Resolution.temporaryFailure("dns", Duration.ofSeconds(1), "deadline"));
        } finally {
            logger.detachAppender(logged);
            logger.setLevel(before);
        }
        assertThat(logged.list)
                .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
                .containsExactly(
                        "INFO client 127.0.0.1 resolved to dns.example via dns in 40 ms",
                        "DEBUG client 127.0.0.1 resolved to localhost via local-ptr in 0 ms",
                        "DEBUG client 127.0.0.1 resolved to cached.example via dns in 0 ms (cached)",
                        "INFO client 127.0.0.1 name unknown for now: deadline via dns in 1000 ms");
    }

    private void loginAnswered(Pop3Server server, Resolution answer) throws InterruptedException {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            resolver.next().answer().complete(answer);
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void lookupThatNeverEnds_loginGoesOnAtTheDeadline_withoutAName() throws Exception {
        try (Pop3Server server = server(Duration.ofMillis(300), "", TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            resolver.next();
            long start = System.nanoTime();
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(users.seen())
                    .singleElement()
                    .satisfies(c -> assertThat(c.remoteHostName()).isEmpty());
        }
    }

    @Test
    void denyByAddress_answersInsteadOfTheGreeting_andCloses() {
        try (Pop3Server server = server(Duration.ofSeconds(1), "127.0.0.0/8:deny\n", TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).isEqualTo(DENIED);
            assertThat(pop.closedByServer()).isTrue();
        }
    }

    @Test
    void denyByHost_afterTheGreeting_onceTheNameIsKnown() throws Exception {
        try (Pop3Server server = server(
                                Duration.ofSeconds(30), "=.evil.example:deny\n", TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).startsWith("+OK");
            resolver.next().name("host.evil.example");
            assertThat(pop.line()).isEqualTo(DENIED);
            assertThat(pop.closedByServer()).isTrue();
            assertThat(users.seen()).isEmpty();
        }
    }

    @Test
    void hostRulePending_loginWaits_thenDenied() throws Exception {
        try (Pop3Server server = server(
                                Duration.ofSeconds(30), "=.evil.example:deny\n", TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            ControlledResolver.Lookup lookup = resolver.next();
            pop.send("USER alice\r\nPASS secret\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).startsWith("+OK");
            lookup.name("a.evil.example");
            assertThat(pop.line()).isEqualTo(DENIED);
            assertThat(users.seen())
                    .as("the password never reached the authenticator")
                    .isEmpty();
        }
    }

    @Test
    void allowByHost_passesTheRuleVariables() throws Exception {
        String rules = "=client.example.test:allow,RELAYCLIENT=\"\",ZONE=\"lab\"\n:deny\n";
        try (Pop3Server server = server(Duration.ofSeconds(30), rules, TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            resolver.next().name("client.example.test");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(users.seen()).singleElement().satisfies(c -> {
                assertThat(c.environment()).containsEntry("RELAYCLIENT", "").containsEntry("ZONE", "lab");
                assertThat(c.remoteHostName()).isEqualTo(Optional.of("client.example.test"));
            });
        }
    }

    @Test
    void cidrAllow_decidesWithoutWaiting_andSetsVariables() throws Exception {
        try (Pop3Server server = server(
                                Duration.ofSeconds(30),
                                "127.0.0.0/8:allow,LOCAL=\"1\"\n:deny\n",
                                TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            ControlledResolver.Lookup lookup = resolver.next();
            pop.send("USER alice\r\nPASS secret\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.line()).startsWith("+OK");
            lookup.name("late.example");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(users.seen())
                    .singleElement()
                    .satisfies(c -> assertThat(c.environment()).containsEntry("LOCAL", "1"));
        }
    }

    @Test
    void temporaryFailure_noMatchByDefault_denyOrAllowWhenConfigured() throws Exception {
        String rules = "=trusted.example:allow,RELAYCLIENT=\"\"\n:deny\n";
        try (Pop3Server server = server(Duration.ofSeconds(30), rules, TemporaryFailurePolicy.NO_MATCH)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            resolver.next().temporaryFailure();
            assertThat(pop.line()).isEqualTo(DENIED);
        }
        try (Pop3Server server = server(Duration.ofSeconds(30), "=x.example:allow\n", TemporaryFailurePolicy.DENY)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            resolver.next().temporaryFailure();
            assertThat(pop.line()).isEqualTo(DENIED);
        }
        try (Pop3Server server = server(Duration.ofSeconds(30), rules, TemporaryFailurePolicy.ALLOW)
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            resolver.next().temporaryFailure();
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(users.seen())
                    .singleElement()
                    .satisfies(c -> assertThat(c.environment()).isEmpty());
        }
    }

    @Test
    void embeddedDefault_resolvesNothing() {
        try (Pop3Server server =
                        Pop3Server.builder().noTls().authenticator(users).start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(users.seen())
                    .singleElement()
                    .satisfies(c -> assertThat(c.remoteHostName()).isEmpty());
        }
    }
}
