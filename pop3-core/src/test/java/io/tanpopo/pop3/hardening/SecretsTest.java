package io.tanpopo.pop3.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No secret (password, SASL response) appears in any log line at any level, nor in anything a
 * session listener (transcripts, metrics) is handed, across sessions that use PASS, APOP and AUTH
 * PLAIN, LOGIN, CRAM-MD5 and SCRAM-SHA-256 — successful and failed.
 */
class SecretsTest {

    private static final String PASSWORD = "Sw0rdf1sh-9f3a";

    @Test
    void secrets_neverReachALogLineOrASessionListener() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Level level = root.getLevel();
        root.addAppender(logs);
        root.setLevel(Level.TRACE);
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> secrets = new CopyOnWriteArrayList<>(List.of(PASSWORD));
        MemoryBackend mail = new MemoryBackend().user("alice", PASSWORD);
        try (Pop3Server server = mail.builder()
                .port(0)
                .noTls()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .listener(recording(heard))
                .start()) {
            mail.mailbox("alice").add("Subject: x\r\n\r\nx\r\n");
            try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                d.command("USER alice");
                d.command("PASS " + PASSWORD + "-wrong");
                secrets.add(PASSWORD + "-wrong");
                Hostile.expectOk(d.login("alice", PASSWORD));
                d.command("QUIT");
            }
            try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                String stamp = d.greeting().substring(d.greeting().lastIndexOf('<'));
                String digest = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("MD5")
                                .digest((stamp + PASSWORD).getBytes(StandardCharsets.UTF_8)));
                secrets.add(digest);
                Hostile.expectOk(d.command("APOP alice " + digest));
                d.command("QUIT");
            }
            String plain = b64("\0alice\0" + PASSWORD);
            secrets.add(plain);
            try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                Hostile.expectOk(d.command("AUTH PLAIN " + plain));
                d.command("QUIT");
            }
            try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                assertThat(d.command("AUTH PLAIN")).startsWith("+");
                Hostile.expectOk(d.command(plain));
                d.command("QUIT");
            }
            try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                assertThat(d.command("AUTH LOGIN")).startsWith("+");
                assertThat(d.command(b64("alice"))).startsWith("+");
                secrets.add(b64(PASSWORD));
                Hostile.expectOk(d.command(b64(PASSWORD)));
                d.command("QUIT");
            }
            try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                String challenge = new String(
                        Base64.getDecoder().decode(d.command("AUTH CRAM-MD5").substring(2)), StandardCharsets.US_ASCII);
                Mac mac = Mac.getInstance("HmacMD5");
                mac.init(new SecretKeySpec(PASSWORD.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
                String response = b64("alice "
                        + HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII))));
                secrets.add(response);
                Hostile.expectOk(d.command(response));
                d.command("QUIT");
            }
            try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                String first = b64("n,,n=alice,r=ClientNonceSecretish0123");
                assertThat(d.command("AUTH SCRAM-SHA-256 " + first)).startsWith("+");
                String fin = b64("c=biws,r=ClientNonceSecretish0123XYZ,p=" + b64("proof-" + PASSWORD));
                secrets.add(fin);
                assertThat(d.command(fin)).startsWith("-ERR");
            }
            Await.until(
                    Duration.ofSeconds(10),
                    "all seven sessions closed",
                    () -> heard.stream().filter(h -> h.startsWith("closed")).count() >= 7);
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
        List<String> logLines = logs.list.stream()
                .map(e -> e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                        + (e.getThrowableProxy() != null
                                ? " " + e.getThrowableProxy().getMessage()
                                : ""))
                .toList();
        for (String secret : secrets) {
            assertThat(logLines).as("log lines").noneMatch(l -> l.contains(secret));
            assertThat(heard).as("what session listeners were handed").noneMatch(l -> l.contains(secret));
        }
        assertThat(heard).anyMatch(h -> h.contains("PASS"));
    }

    /** A listener that keeps everything it is handed, as a careless metrics or audit listener might. */
    private static SessionListener recording(List<String> heard) {
        return new SessionListener() {
            @Override
            public void command(Pop3Session session, CommandLine line) {
                heard.add("command " + line + " " + line.raw() + " " + line.arguments() + " " + line.rest());
            }

            @Override
            public void replied(Pop3Session session, CommandLine line, Reply reply) {
                heard.add("replied " + line + " " + line.raw() + " " + reply.statusLine());
            }

            @Override
            public void closed(Pop3Session session, String how) {
                heard.add("closed " + how);
            }
        };
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
