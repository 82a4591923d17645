package io.tanpopo.pop3.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.resolver.Resolution;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessRulesTest {

    private static final Resolution UNKNOWN = Resolution.temporaryFailure("dns", Duration.ZERO, "timeout");
    private static final Resolution NO_NAME = Resolution.noName("dns", Duration.ZERO, "NXDOMAIN", Duration.ZERO);

    @TempDir
    Path dir;

    private static AccessRules rules(String text) {
        return AccessRulesParser.parse(text, "rules", TemporaryFailurePolicy.NO_MATCH);
    }

    private static Resolution named(String name) {
        return Resolution.named(name, "dns", Duration.ZERO, "test", Duration.ZERO);
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void exactIp_prefix_cidr_andDefault_firstMatchWins() throws Exception {
        AccessRules rules = rules("""
                # comment, then a blank line

                192.0.2.7:deny
                192.0.2.:allow,RELAYCLIENT=""
                10.0.:allow,ZONE="ten"
                172.16.0.0/12:deny
                2001:db8::/32:allow,V6="yes"
                ::1:deny
                :deny
                """);
        assertThat(rules.decideByAddress(ip("192.0.2.7")).orElseThrow().allowed())
                .isFalse();
        assertThat(rules.decideByAddress(ip("192.0.2.8")).orElseThrow().environment())
                .isEqualTo(Map.of("RELAYCLIENT", ""));
        assertThat(rules.decideByAddress(ip("10.0.9.9")).orElseThrow().environment())
                .containsEntry("ZONE", "ten");
        assertThat(rules.decideByAddress(ip("10.1.0.1")).orElseThrow().rule()).isEqualTo("rules:9");
        assertThat(rules.decideByAddress(ip("172.31.255.1")).orElseThrow().allowed())
                .isFalse();
        assertThat(rules.decideByAddress(ip("2001:db8::5")).orElseThrow().environment())
                .containsEntry("V6", "yes");
        assertThat(rules.decideByAddress(ip("::1")).orElseThrow().allowed()).isFalse();
        assertThat(rules.decideByAddress(ip("198.51.100.1")).orElseThrow().allowed())
                .isFalse();
    }

    @Test
    void unknownClient_isMatchedOnlyByTheRuleForEveryClient() {
        AccessRules rules =
                rules("0.0.0.0/0:allow,A=\"1\"\n0.:allow\n::/0:allow\n=:allow\n=.example.org:allow\n:deny\n:allow\n");
        assertThat(rules.decideUnknown().allowed()).isFalse();
        assertThat(rules.decideUnknown().rule()).isEqualTo("rules:6");
        assertThat(rules("0.0.0.0/0:deny\n").decideUnknown()).isEqualTo(AccessDecision.allow("no rule matched"));
        assertThat(rules(":allow,RELAYCLIENT=\"\"\n").decideUnknown().environment())
                .containsEntry("RELAYCLIENT", "");
    }

    @Test
    void noRuleMatches_allowed_likeTcpserver() throws Exception {
        assertThat(rules("10.:deny\n")
                        .decideByAddress(ip("127.0.0.1"))
                        .orElseThrow()
                        .allowed())
                .isTrue();
        assertThat(AccessRules.none()
                        .decideByAddress(ip("127.0.0.1"))
                        .orElseThrow()
                        .allowed())
                .isTrue();
    }

    @Test
    void hostRule_beforeAnyAddressMatch_needsTheName() throws Exception {
        AccessRules rules =
                rules("127.0.0.2:deny\n=mail.example.org:allow,RELAYCLIENT=\"\"\n=.example.com:deny\n:allow\n");
        assertThat(rules.needsNames()).isTrue();
        assertThat(rules.decideByAddress(ip("127.0.0.2")))
                .get()
                .extracting(AccessDecision::allowed)
                .isEqualTo(false);
        assertThat(rules.decideByAddress(ip("127.0.0.1"))).isEmpty();
        AccessDecision exact = rules.decide(ip("127.0.0.1"), named("MAIL.example.org."));
        assertThat(exact.allowed()).isTrue();
        assertThat(exact.environment()).containsKey("RELAYCLIENT");
        assertThat(rules.decide(ip("127.0.0.1"), named("a.b.example.com")).allowed())
                .isFalse();
        assertThat(rules.decide(ip("127.0.0.1"), named("example.com")).allowed())
                .isTrue();
        assertThat(rules.decide(ip("127.0.0.1"), NO_NAME).rule()).isEqualTo("rules:4");
    }

    @Test
    void temporaryFailure_followsThePolicy() throws Exception {
        String text = "=trusted.example:allow,RELAYCLIENT=\"\"\n:deny\n";
        InetAddress client = ip("192.0.2.1");
        assertThat(AccessRulesParser.parse(text, "r", TemporaryFailurePolicy.NO_MATCH)
                        .decide(client, UNKNOWN)
                        .allowed())
                .isFalse();
        assertThat(AccessRulesParser.parse(text, "r", TemporaryFailurePolicy.DENY)
                        .decide(client, UNKNOWN)
                        .allowed())
                .isFalse();
        AccessDecision open =
                AccessRulesParser.parse(text, "r", TemporaryFailurePolicy.ALLOW).decide(client, UNKNOWN);
        assertThat(open.allowed()).isTrue();
        assertThat(open.environment())
                .as("fail-open never grants a rule's variables")
                .isEmpty();
        assertThat(AccessRulesParser.parse("=x.example:deny\n", "r", TemporaryFailurePolicy.NO_MATCH)
                        .decide(client, UNKNOWN)
                        .allowed())
                .isTrue();
    }

    @Test
    void anyName_matchesNamedClientsOnly() throws Exception {
        AccessRules rules = rules("=:allow\n:deny\n");
        assertThat(rules.decide(ip("192.0.2.1"), named("x.example")).allowed()).isTrue();
        assertThat(rules.decide(ip("192.0.2.1"), NO_NAME).allowed()).isFalse();
    }

    @Test
    void malformedLines_nameFileAndLine() {
        assertThatThrownBy(() -> rules("10.:allow\n\n10.0.0.1 allow\n"))
                .hasMessageStartingWith("rules:3: expected PATTERN:allow or PATTERN:deny");
        assertThatThrownBy(() -> rules("300.1.:allow\n")).hasMessageStartingWith("rules:1:");
        assertThatThrownBy(() -> rules("10.0.0.0/33:allow\n")).hasMessageStartingWith("rules:1:");
        assertThatThrownBy(() -> rules("=bad name:allow\n")).hasMessageStartingWith("rules:1:");
        assertThatThrownBy(() -> rules("10.:allow,RELAYCLIENT=unquoted\n"))
                .hasMessageStartingWith("rules:1: expected ,NAME=\"value\"");
        assertThatThrownBy(() -> rules("10.:deny,X=\"1\"\n")).hasMessage("rules:1: deny takes no variables");
        assertThatThrownBy(() -> rules("# ok\n10.:allow,TCPREMOTEIP=\"1.2.3.4\"\n"))
                .hasMessageStartingWith("rules:2: TCPREMOTEIP is set by tanpopo");
        assertThatThrownBy(() -> rules("mail.example.org:allow\n")).hasMessageContaining("=name");
    }

    @Test
    void file_isBoundedAndNamedInErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("rules"), "127.0.0.1:allow\nnonsense\n");
        assertThatThrownBy(() -> AccessRulesParser.read(file, TemporaryFailurePolicy.NO_MATCH))
                .hasMessageStartingWith(file + ":2: ");
        Path huge = Files.write(dir.resolve("huge"), new byte[AccessRulesParser.MAX_SIZE + 1]);
        assertThatThrownBy(() -> AccessRulesParser.read(huge, TemporaryFailurePolicy.NO_MATCH))
                .hasMessageContaining("larger than");
    }

    @Test
    void policy_parsesTheThreeWords() {
        assertThat(TemporaryFailurePolicy.parse("no-match")).isEqualTo(TemporaryFailurePolicy.NO_MATCH);
        assertThat(TemporaryFailurePolicy.parse("DENY")).isEqualTo(TemporaryFailurePolicy.DENY);
        assertThatThrownBy(() -> TemporaryFailurePolicy.parse("maybe"))
                .hasMessageStartingWith("access.on-temporary-failure:");
    }
}
