package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several-megabyte RETRs pipelined over TLS, implicit and after STLS, by many sessions at once: every
 * octet of every message must arrive in order, undamaged, and the session must end with the server's
 * close_notify. The client reads through a small receive buffer, so the server's replies pile up
 * behind the TLS filter as they do for a slow client.
 */
class LargeRetrOverTlsTest {

    private static final int SESSIONS = 24;
    private static final int PARALLEL = 6;
    private static final int MESSAGE_OCTETS = 3 * 1024 * 1024;
    private static final int NOOPS = 300;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ALL_SESSIONS = Duration.ofMinutes(2);

    private static final MemoryBackend mail = new MemoryBackend();
    private static Pop3Server server;
    private static SSLContext client;
    private static byte[][] wire;
    private static final Map<String, String> endings = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        server = mail.builder()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .implicitTlsPort(0)
                .listener(new SessionListener() {
                    @Override
                    public void closed(Pop3Session session, String how) {
                        endings.put(session.id(), how);
                    }
                })
                .start();
        wire = new byte[2][];
        byte[][] messages = {message(MESSAGE_OCTETS, 17), message(MESSAGE_OCTETS, 18)};
        for (int i = 0; i < 2; i++) {
            wire[i] = multiLine(messages[i]);
        }
        // One account per concurrent session: a maildrop is locked by the session that opened it.
        for (int user = 0; user < SESSIONS; user++) {
            mail.user("user" + user, "secret");
            for (byte[] message : messages) {
                mail.mailbox("user" + user).add(message);
            }
        }
        client = server.tlsTrust().orElseThrow().clientSslContext();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void implicitTls_pipelinedRetrs_arriveWhole() throws Exception {
        runSessions(user -> retrs(user, false, false));
    }

    @Test
    void implicitTls_pipelinedRetrsThenQuit_arriveWhole_andEndWithCloseNotify() throws Exception {
        runSessions(user -> retrs(user, false, true));
    }

    @Test
    void stls_pipelinedRetrs_arriveWhole() throws Exception {
        runSessions(user -> retrs(user, true, false));
    }

    @Test
    void stls_pipelinedRetrsThenQuit_arriveWhole_andEndWithCloseNotify() throws Exception {
        runSessions(user -> retrs(user, true, true));
    }

    /** MINA's TLS filter holds at most 64 writes waiting for encryption; one more closed the session. */
    @Test
    void implicitTls_hundredsOfOneLineRepliesBehindALargeOne_allArrive() throws Exception {
        runSessions(this::noopsBehindRetr);
    }

    /** One client's dialogue: null when all was well, else what went wrong. */
    private interface Dialogue {
        String run(String user) throws IOException;
    }

    private void runSessions(Dialogue dialogue) throws Exception {
        endings.clear();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                String user = "user" + i;
                results.add(pool.submit(() -> {
                    try {
                        return dialogue.run(user);
                    } catch (IOException | RuntimeException e) {
                        return e.toString();
                    }
                }));
            }
            List<String> failures = new ArrayList<>();
            long deadline = System.nanoTime() + ALL_SESSIONS.toNanos();
            for (Future<String> result : results) {
                String failure = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            assertThat(failures)
                    .as(failures.size() + " of " + SESSIONS + " sessions failed")
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
        Await.until(Duration.ofSeconds(10), "every session closed", () -> endings.size() == SESSIONS);
        assertThat(endings.values()).containsOnly("quit");
    }

    private String retrs(String user, boolean stls, boolean quitPipelined) throws IOException {
        try (Socket plain = connect(stls ? server.port() : server.tlsPort().getAsInt())) {
            if (stls) {
                expectOk(plain.getInputStream(), "greeting");
                plain.getOutputStream().write("STLS\r\n".getBytes(StandardCharsets.US_ASCII));
                expectOk(plain.getInputStream(), "STLS");
            }
            EngineClient tls = new EngineClient(plain, client);
            if (!stls) {
                expectOk(tls, "greeting");
            }
            tls.write("USER " + user + "\r\nPASS secret\r\nRETR 1\r\nRETR 2\r\n" + (quitPipelined ? "QUIT\r\n" : ""));
            expectOk(tls, "USER");
            expectOk(tls, "PASS");
            for (int i = 0; i < 2; i++) {
                expectOk(tls, "RETR " + (i + 1));
                String damage = compare(tls, wire[i]);
                if (damage != null) {
                    return "RETR " + (i + 1) + ": " + damage;
                }
            }
            if (!quitPipelined) {
                tls.write("QUIT\r\n");
            }
            return quitReplyThenCloseNotify(tls);
        }
    }

    private String noopsBehindRetr(String user) throws IOException {
        try (Socket plain = connect(server.tlsPort().getAsInt())) {
            EngineClient tls = new EngineClient(plain, client);
            expectOk(tls, "greeting");
            tls.write("USER " + user + "\r\nPASS secret\r\nRETR 1\r\n" + "NOOP\r\n".repeat(NOOPS) + "QUIT\r\n");
            expectOk(tls, "USER");
            expectOk(tls, "PASS");
            expectOk(tls, "RETR 1");
            String damage = compare(tls, wire[0]);
            if (damage != null) {
                return "RETR 1: " + damage;
            }
            for (int i = 0; i < NOOPS; i++) {
                expectOk(tls, "NOOP " + (i + 1));
            }
            return quitReplyThenCloseNotify(tls);
        }
    }

    /** A socket with a small receive window: the replies pile up in the server, as for a slow client. */
    private static Socket connect(int port) throws IOException {
        Socket plain = new Socket();
        plain.setReceiveBufferSize(16 * 1024);
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        plain.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return plain;
    }

    private static String quitReplyThenCloseNotify(EngineClient tls) throws IOException {
        expectOk(tls, "QUIT");
        if (tls.read() != -1) {
            return "octets after the QUIT reply";
        }
        return tls.closeNotified() ? null : "the stream ended without close_notify";
    }

    private static String compare(InputStream in, byte[] expected) throws IOException {
        byte[] got = in.readNBytes(expected.length);
        if (got.length < expected.length) {
            return "truncated after " + got.length + " of " + expected.length + " octets";
        }
        for (int i = 0; i < expected.length; i++) {
            if (got[i] != expected[i]) {
                return "octet " + i + " differs";
            }
        }
        return null;
    }

    private static void expectOk(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("end of stream in the reply to " + what + ": " + line);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("+OK")) {
            throw new IOException("reply to " + what + ": " + text);
        }
    }

    /**
     * A message of about {@code octets} with lines of varied length: some start with ".", some end with
     * a bare LF, the rest with CRLF; the seed makes each message's content its own.
     */
    private static byte[] message(int octets, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(octets + 1024);
        out.writeBytes(("Subject: large message " + seed + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int n = 1; out.size() < octets; n++) {
            if (n % 7 == 0) {
                out.write('.');
            }
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                out.write('!' + random.nextInt(94));
            }
            out.writeBytes(n % 5 == 0 ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    /** {@code message} as RETR sends it (RFC 1939 §3): CRLF line ends, dot-stuffed, ".CRLF" last. */
    private static byte[] multiLine(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 16);
        int previous = '\n';
        for (byte b : message) {
            if (previous == '\n' && b == '.') {
                out.write('.');
            }
            if (b == '\n' && previous != '\r') {
                out.write('\r');
            }
            out.write(b);
            previous = b;
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
