package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 2449 §6.6 PIPELINING: many commands in one write, every reply in order, exact octets. */
class PipeliningTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private List<String> uids;
    private long total;

    @BeforeEach
    void start() {
        server = mail.builder().failedLoginDelay(Duration.ZERO, Duration.ZERO).start();
        uids = SeedMessages.seed(mail.mailbox("alice"));
        total = SeedMessages.ALL.stream().mapToLong(SeedMessages::size).sum();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wholeSessionInOneWrite_repliesComeInOrder_withExactOctets() {
        try (Pop3Wire client = Pop3Wire.connect(server.port())) {
            client.send("USER alice\r\nPASS secret\r\nSTAT\r\nLIST\r\nUIDL\r\nRETR 1\r\nRETR 2\r\nRETR 3\r\n"
                    + "TOP 2 1\r\nNOOP\r\nDELE 3\r\nSTAT\r\nQUIT\r\n");
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(ascii("+OK Send PASS\r\n+OK Logged in, 3 messages (" + total + " octets)\r\n"
                    + "+OK 3 " + total + "\r\n"
                    + "+OK 3 messages (" + total + " octets)\r\n" + scan(i -> String.valueOf(size(i))) + ".\r\n"
                    + "+OK 3 messages (" + total + " octets)\r\n" + scan(uids::get) + ".\r\n"));
            for (int i = 0; i < 3; i++) {
                expected.writeBytes(ascii("+OK " + size(i) + " octets\r\n"));
                expected.writeBytes(SeedMessages.stuffed(SeedMessages.ALL.get(i)));
                expected.writeBytes(ascii(".\r\n"));
            }
            expected.writeBytes(ascii("+OK Top of message follows\r\n"));
            expected.writeBytes(stuff(SeedMessages.top(SeedMessages.BARE_LF, 1)));
            expected.writeBytes(ascii(".\r\n+OK\r\n+OK Message 3 deleted\r\n+OK 2 " + (size(0) + size(1)) + "\r\n"
                    + "+OK Logging out, 1 messages deleted\r\n"));
            assertThat(client.greeting()).startsWith("+OK ");
            assertThat(new String(client.readUntilClosed(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected.toString(StandardCharsets.ISO_8859_1));
        }
        assertThat(mail.mailbox("alice").size()).isEqualTo(2);
    }

    @Test
    void thousandNoopsInOneWrite_allAnsweredInOrder() {
        String noops = "NOOP\r\n".repeat(1000);
        try (Pop3Wire client = Pop3Wire.connect(server.port())) {
            client.send("USER alice\r\nPASS secret\r\n" + noops + "STAT\r\nQUIT\r\n");
            assertThat(new String(client.readUntilClosed(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("+OK Send PASS\r\n+OK Logged in, 3 messages (" + total + " octets)\r\n"
                            + "+OK\r\n".repeat(1000) + "+OK 3 " + total
                            + "\r\n+OK Logging out, 0 messages deleted\r\n");
        }
    }

    @Test
    void threeHundredRetrsInOneWrite_streamedBodiesStayInOrder() {
        StringBuilder commands = new StringBuilder("USER alice\r\nPASS secret\r\n");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(ascii("+OK Send PASS\r\n+OK Logged in, 3 messages (" + total + " octets)\r\n"));
        for (int n = 0; n < 300; n++) {
            int i = n % 3;
            commands.append("RETR ").append(i + 1).append("\r\n");
            expected.writeBytes(ascii("+OK " + size(i) + " octets\r\n"));
            expected.writeBytes(SeedMessages.stuffed(SeedMessages.ALL.get(i)));
            expected.writeBytes(ascii(".\r\n"));
        }
        commands.append("QUIT\r\n");
        expected.writeBytes(ascii("+OK Logging out, 0 messages deleted\r\n"));
        try (Pop3Wire client = Pop3Wire.connect(server.port())) {
            client.send(commands.toString());
            assertThat(client.readUntilClosed()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void bigBareLfMessages_pipelined_arriveWithExactOctets_acrossChunkAndBufferBoundaries() {
        MemoryBackend bob = new MemoryBackend().user("bob", "secret");
        try (Pop3Server big = bob.builder().start();
                Pop3Wire client = Pop3Wire.connect(big.port())) {
            // Sizes around the 64 KB read and the transport's direct buffers; dot lines and CRLFs at the seams.
            int[] sizes = {65_536, 65_535, 65_537, 8_191, 8_192, 3 * 65_536 + 77, 1_000_000};
            StringBuilder commands = new StringBuilder("USER bob\r\nPASS secret\r\n");
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(ascii("+OK Send PASS\r\n"));
            ByteArrayOutputStream bodies = new ByteArrayOutputStream();
            long octets = 0;
            for (int i = 0; i < sizes.length; i++) {
                byte[] message = SeamMessages.of(sizes[i], i, false);
                bob.mailbox("bob").add(message);
                octets += SeedMessages.size(message);
                commands.append("RETR ").append(i + 1).append("\r\n");
                bodies.writeBytes(ascii("+OK " + SeedMessages.size(message) + " octets\r\n"));
                bodies.writeBytes(SeedMessages.stuffed(message));
                bodies.writeBytes(ascii(".\r\n"));
            }
            expected.writeBytes(ascii("+OK Logged in, " + sizes.length + " messages (" + octets + " octets)\r\n"));
            expected.writeBytes(bodies.toByteArray());
            expected.writeBytes(ascii("+OK Logging out, 0 messages deleted\r\n"));
            client.send(commands.append("QUIT\r\n").toString());
            assertThat(client.greeting()).startsWith("+OK ");
            assertThat(client.readUntilClosed()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void failedLoginDelay_laterPipelinedCommandsWaitTheirTurn() {
        MemoryBackend own = new MemoryBackend().user("alice", "secret");
        try (Pop3Server delaying = own.builder()
                        .failedLoginDelay(Duration.ofMillis(200), Duration.ofMillis(400))
                        .start();
                Pop3Wire client = Pop3Wire.connect(delaying.port())) {
            own.mailbox("alice").add(SeedMessages.DOTS);
            long size = SeedMessages.size(SeedMessages.DOTS);
            long started = System.nanoTime();
            client.send("USER alice\r\nPASS wrong\r\nUSER alice\r\nPASS secret\r\nSTAT\r\nQUIT\r\n");
            assertThat(new String(client.readUntilClosed(), StandardCharsets.ISO_8859_1))
                    .isEqualTo("+OK Send PASS\r\n-ERR [AUTH] Authentication failed\r\n+OK Send PASS\r\n"
                            + "+OK Logged in, 1 messages (" + size + " octets)\r\n+OK 1 " + size + "\r\n"
                            + "+OK Logging out, 0 messages deleted\r\n");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void pipelinedBodies_readWithTheDialogueHelper_unstuffToTheCrlfForm() {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            pop.send(ascii("USER alice\r\nPASS secret\r\nRETR 1\r\nRETR 2\r\nQUIT\r\n"));
            assertThat(pop.line()).isEqualTo("+OK Send PASS");
            assertThat(pop.line()).startsWith("+OK Logged in");
            assertThat(pop.line()).isEqualTo("+OK " + size(0) + " octets");
            assertThat(pop.bodyBytes()).isEqualTo(SeedMessages.crlf(SeedMessages.DOTS));
            assertThat(pop.line()).isEqualTo("+OK " + size(1) + " octets");
            assertThat(pop.bodyBytes()).isEqualTo(SeedMessages.crlf(SeedMessages.BARE_LF));
            assertThat(pop.line()).startsWith("+OK Logging out");
            assertThat(pop.closedByServer()).isTrue();
        }
    }

    private String scan(java.util.function.IntFunction<String> column) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            lines.append(i + 1).append(' ').append(column.apply(i)).append("\r\n");
        }
        return lines.toString();
    }

    private static long size(int index) {
        return SeedMessages.size(SeedMessages.ALL.get(index));
    }

    /** Dot-stuffs CRLF text that is already in wire form. */
    private static byte[] stuff(byte[] crlf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (byte b : crlf) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
