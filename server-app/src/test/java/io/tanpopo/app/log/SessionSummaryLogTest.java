package io.tanpopo.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.memory.MemoryStore;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class SessionSummaryLogTest {

    private static final String PASSWORD = "Sup3rSecretPw";

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();

    @Test
    void oneLinePerSession_withUserClientRetrievedDeletedAndEnd_neverThePassword() throws Exception {
        try (Pop3Server server = server(SessionSummaryLog.Format.TEXT)) {
            converse(server, "USER alice", "PASS " + PASSWORD, "RETR 1", "DELE 1", "QUIT");
            String line = awaitLine();
            assertThat(line)
                    .contains(
                            "user=alice",
                            "client=127.0.0.1:",
                            "name=-",
                            "retrieved=1",
                            "octets=21",
                            "deleted=1",
                            "end=quit")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void json_isOneObject_andSaslResponsesNeverAppear() throws Exception {
        String plain = Base64.getEncoder().encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (Pop3Server server = server(SessionSummaryLog.Format.JSON)) {
            converse(server, "AUTH PLAIN", plain, "QUIT");
            String line = awaitLine();
            assertThat(line)
                    .startsWith("{\"session\":")
                    .endsWith("}")
                    .contains("\"user\":\"alice\"", "\"retrieved\":0", "\"end\":\"quit\"", "\"name\":null")
                    .doesNotContain(PASSWORD, plain);
        }
    }

    @Test
    void clientBehindAProxyThatNamedNone_isLoggedAsUnknown_notAsTheProxy() throws Exception {
        try (Pop3Server server = Pop3Server.builder()
                        .noTls()
                        .cleartext(Cleartext.ALWAYS)
                        .user("alice", PASSWORD)
                        .listener(new SessionSummaryLog(SessionSummaryLog.Format.TEXT, Clock.systemUTC(), lines::add))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire pop = Pop3Wire.open(server.port())) {
            // More than a health check's greeting and QUIT, which is not logged (HealthChecks).
            pop.send("PROXY UNKNOWN\r\nUSER alice\r\nQUIT\r\n");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(awaitLine()).contains("client=unknown ").doesNotContain("127.0.0.1", "0.0.0.0");
        }
    }

    @Test
    void jsonStrings_escapeQuotesAndControlCharacters() {
        assertThat(SessionSummary.string("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\u000a\"");
    }

    private Pop3Server server(SessionSummaryLog.Format format) {
        MemoryStore store = new MemoryStore(LockMode.TAKEOVER);
        store.mailbox("alice").add("Subject: x\r\n\r\nhello\r\n");
        return Pop3Server.builder()
                .noTls()
                .cleartext(Cleartext.ALWAYS)
                .user("alice", PASSWORD)
                .store(store)
                .listener(new SessionSummaryLog(format, Clock.systemUTC(), lines::add))
                .start();
    }

    private String awaitLine() {
        Await.until(Duration.ofSeconds(10), "a summary line", () -> !lines.isEmpty());
        assertThat(lines).hasSize(1);
        return lines.peek();
    }

    private static void converse(Pop3Server server, String... commands) throws Exception {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            for (String command : commands) {
                String reply = pop.command(command);
                if (command.startsWith("RETR")) {
                    assertThat(reply).startsWith("+OK");
                    pop.body();
                }
                if (command.equals("AUTH PLAIN")) {
                    assertThat(reply).startsWith("+");
                }
            }
            assertThat(pop.line()).isNull();
        }
    }

    @Test
    void clientAddress_ipv6_isInRfc5952FormInBrackets() {
        assertThat(SessionSummaryLog.clientText(new java.net.InetSocketAddress("2001:db8:0:0:0:0:0:7", 110)))
                .isEqualTo("[2001:db8::7]:110");
        assertThat(SessionSummaryLog.clientText(new java.net.InetSocketAddress("192.0.2.7", 110)))
                .isEqualTo("192.0.2.7:110");
    }
}
