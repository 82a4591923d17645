package io.tanpopo.pop3.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.HostileFlood;
import io.tanpopo.testsupport.Pop3Wire;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients before login hold bounded input on the server, whatever they send: lines are cut
 * at the command-line limit as they arrive, the queue of lines is bounded in bytes, and beyond it
 * the server stops reading (TCP back-pressure) instead of buffering.
 */
class InputFloodTest {

    /** The driver's queue before login (8 KB) plus the one line that fills it (255 octets, costed as held). */
    private static final long QUEUE_BOUND = 8 * 1024 + 64 + 2 * 255;

    @Test
    void floodDuringDelayedFailedLogins_holdsBoundedInput_andAWellBehavedClientIsServed() throws Exception {
        try (LoopbackTransport loop = LoopbackTransport.start(Pop3Server.builder()
                .user("alice", "secret")
                .noTls()
                .failedLoginDelay(Duration.ofSeconds(2), Duration.ofSeconds(4)))) {
            InetSocketAddress address = loop.transport.localAddress();
            try (HostileFlood flood =
                    HostileFlood.start(address, HostileFlood.loopbackSources(4), 40, Duration.ofSeconds(5))) {
                Await.until(Duration.ofSeconds(30), "the flood to push 20 MB", () -> flood.sent() > 20 << 20);
                try (Pop3Wire client = Pop3Wire.connect(address.getPort())) {
                    assertThat(client.greeting()).startsWith("+OK");
                    assertThat(client.login("alice", "secret")).startsWith("+OK");
                    assertThat(client.command("QUIT")).startsWith("+OK");
                }
                flood.awaitEnd(Duration.ofSeconds(30));
                assertThat(flood.connects()).isGreaterThan(40); // the server closed the worst, who came back
            }
            long[] peaks = loop.transport.inputPeaks();
            // The queue did fill (pipelined commands behind a delayed APOP), and never beyond its bound.
            assertThat(peaks[0]).isBetween(8L * 1024, QUEUE_BOUND);
            // Under back-pressure at most what one read brought waits unread.
            assertThat(peaks[1]).isPositive().isLessThanOrEqualTo(MinaTransport.MAX_READ);
        }
    }

    @Test
    void commandsPipelinedBehindADelayedFailedLogin_areAllAnsweredInOrder_throughBackPressure() {
        int commands = 5_000; // 40 KB of USER lines, five times the queue before login
        try (LoopbackTransport loop = LoopbackTransport.start(Pop3Server.builder()
                        .user("alice", "secret")
                        .noTls()
                        .failedLoginDelay(Duration.ofMillis(300), Duration.ofMillis(300)));
                Pop3Wire client = Pop3Wire.connect(loop.transport.localAddress().getPort())) {
            assertThat(client.greeting()).startsWith("+OK");
            client.send(("APOP x 00000000000000000000000000000000\r\n" + "USER alice\r\n".repeat(commands)
                            + "PASS secret\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(client.line()).startsWith("-ERR [AUTH]");
            for (int i = 0; i < commands; i++) {
                assertThat(client.line()).as("reply %d", i).isEqualTo("+OK Send PASS");
            }
            assertThat(client.line()).startsWith("+OK Logged in");
            // Read while the session is still open: the transport reports the sessions it manages.
            long[] peaks = loop.transport.inputPeaks();
            assertThat(peaks[0]).isBetween(8L * 1024, QUEUE_BOUND);
            assertThat(peaks[1]).isPositive().isLessThanOrEqualTo(MinaTransport.MAX_READ);
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
    }
}
