package io.tanpopo.pop3.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that break the rules on purpose, against a real server on port 0. Each test is bounded
 * in time and count, and ends with a normal session over an intact maildrop.
 */
@Timeout(120)
class HostileClientsTest {

    private final MemoryBackend mail = new MemoryBackend();
    private Pop3Server server;
    private List<MessageInfo> before;

    @BeforeEach
    void start() {
        server = Hostile.server(mail, Duration.ofMinutes(10));
        before = mail.mailbox("alice").messages();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void megabyteLineWithoutCrlf_isRefusedOnce_andTheSessionContinues() {
        try (Pop3Wire d = Pop3Wire.connect(server.port())) {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'A');
            for (int i = 0; i < 16; i++) {
                d.send(chunk);
            }
            d.send("\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(d.line()).startsWith("-ERR").contains("too long");
            Hostile.expectOk(d.login("alice", "secret"));
            Hostile.expectOk(d.command("NOOP"));
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    @Test
    void nulAndBinaryBytes_areRefusedLineByLine_andTheSessionContinues() {
        Random random = new Random(9);
        try (Pop3Wire d = Pop3Wire.connect(server.port())) {
            Hostile.expectOk(d.login("alice", "secret"));
            for (int i = 0; i < 200; i++) {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                for (int j = 0; j < garbage.length; j++) {
                    if (garbage[j] == '\n' || garbage[j] == '\r') {
                        garbage[j] = 0;
                    }
                }
                garbage[0] = 0;
                d.send(garbage);
                d.send(new byte[] {'\r', '\n'});
                assertThat(d.line()).startsWith("-ERR");
            }
            Hostile.expectOk(d.command("STAT"));
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    @Test
    void everyCommandInEveryWrongState_isRefused_andChangesNothing() {
        List<String> transactionOnly =
                List.of("STAT", "LIST", "LIST 1", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 0", "UIDL", "UIDL 1");
        List<String> authorizationOnly = List.of(
                "USER alice",
                "PASS secret",
                "APOP alice 0123456789abcdef0123456789abcdef",
                "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                "STLS",
                "UTF8");
        try (Pop3Wire d = Pop3Wire.connect(server.port())) {
            for (String command : transactionOnly) {
                assertThat(d.command(command)).as(command + " before login").startsWith("-ERR");
            }
            assertThat(d.command("PASS secret")).as("PASS before USER").startsWith("-ERR");
            Hostile.expectOk(d.command("USER alice"));
            for (String command : transactionOnly) {
                assertThat(d.command(command)).as(command + " after USER").startsWith("-ERR");
            }
            Hostile.expectOk(d.command("PASS secret"));
            for (String command : authorizationOnly) {
                assertThat(d.command(command)).as(command + " in TRANSACTION").startsWith("-ERR");
            }
            Hostile.expectOk(d.command("DELE 1"));
            // dropped without QUIT: the DELE must not count
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    @Test
    void abruptDisconnect_inEveryState_commitsNothing_andReleasesTheMaildrop() throws IOException {
        String[][] scripts = {
            {},
            {"USER alice"},
            {"USER alice", "PASS secret"},
            {"USER alice", "PASS secret", "DELE 1", "DELE 2"},
            {"USER alice", "PASS secret", "DELE 1", "RETR 3"},
            {"AUTH PLAIN"},
            {"USER alice", "PASS secret", "DELE 1", "QUIT-HALF"},
        };
        for (String[] script : scripts) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
                OutputStream out = socket.getOutputStream();
                for (String line : script) {
                    out.write((line.equals("QUIT-HALF") ? "QU" : line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                socket.setSoLinger(true, 0); // RST, not FIN
            }
            Hostile.normalSessionWorks(server, mail, before);
        }
    }

    @Test
    void pipelinedBurstOfOneHundredThousandCommands_isAnsweredInOrder() throws Exception {
        int count = Hostile.LONG ? 1_000_000 : 100_000;
        try (Pop3Wire reader = Pop3Wire.open(server.port()).timeout(Duration.ofSeconds(30))) {
            Thread writer = new Thread(
                    () -> {
                        reader.send("USER alice\r\nPASS secret\r\n");
                        byte[] block = "NOOP\r\nLIST 1\r\n".repeat(500).getBytes(StandardCharsets.US_ASCII);
                        for (int sent = 0; sent < count; sent += 1000) {
                            reader.send(block);
                        }
                        reader.send("QUIT\r\n");
                    },
                    "burst-writer");
            writer.start();
            assertThat(reader.line()).startsWith("+OK");
            assertThat(reader.line()).startsWith("+OK");
            assertThat(reader.line()).startsWith("+OK");
            String listOne = "+OK 1 " + mail.mailbox("alice").messages().get(0).size();
            for (int i = 0; i < count; i += 2) {
                String noop = reader.line();
                String list = reader.line();
                if (!noop.equals("+OK") || !list.equals(listOne)) {
                    throw new AssertionError("reply " + i + " out of order: " + noop + " / " + list);
                }
            }
            assertThat(reader.line()).startsWith("+OK");
            writer.join(30_000);
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    @Test
    void thousandSimultaneousConnections_areAllGreeted_andServed() throws Exception {
        int wanted = Hostile.LONG ? 4000 : 1000;
        long limit = openFileLimit();
        int count = (int) Math.min(wanted, Math.max(100, (limit - 200) / 2));
        if (count < wanted) {
            System.err.println("HostileClientsTest: open-file limit " + limit + " allows only " + count
                    + " simultaneous connections instead of " + wanted + " (raise ulimit -n to 4096 or more)");
        }
        Pop3Wire[] clients = new Pop3Wire[count];
        try {
            for (int i = 0; i < count; i++) {
                clients[i] = Pop3Wire.open(server.port()).timeout(Duration.ofSeconds(30));
            }
            for (Pop3Wire c : clients) {
                assertThat(c.line()).startsWith("+OK");
            }
            for (Pop3Wire c : clients) {
                c.send("CAPA\r\nQUIT\r\n");
            }
            for (Pop3Wire c : clients) {
                assertThat(c.line()).startsWith("+OK");
                c.rawBody(); // capabilities
                assertThat(c.line()).startsWith("+OK");
            }
        } finally {
            for (Pop3Wire c : clients) {
                if (c != null) {
                    c.close();
                }
            }
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    static long openFileLimit() {
        if (ManagementFactoryHolder.os() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 4096;
    }

    private static final class ManagementFactoryHolder {
        static java.lang.management.OperatingSystemMXBean os() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        }
    }
}
