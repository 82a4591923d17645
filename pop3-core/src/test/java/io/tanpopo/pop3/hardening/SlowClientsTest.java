package io.tanpopo.pop3.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow-loris clients and clients that stop reading, against a server with a 2 s idle timeout.
 * Policy (README, "What is tested"): the idle timeout counts from the last complete line; bytes that
 * never complete a line do not keep a session alive, and a client that stops reading is closed
 * at the idle timeout as well, releasing its maildrop.
 */
@Timeout(120)
class SlowClientsTest {

    private static final Duration IDLE = Duration.ofSeconds(2);

    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final MemoryBackend mail = new MemoryBackend();
    private Pop3Server server;
    private List<MessageInfo> before;

    @BeforeEach
    void start() {
        server = Hostile.server(mail, IDLE);
        before = mail.mailbox("alice").messages();
    }

    @AfterEach
    void stop() {
        pacer.shutdownNow();
        server.close();
    }

    @Test
    void silentClient_isClosedAtTheIdleTimeout() throws IOException {
        try (Pop3Wire pop = open()) {
            assertThat(pop.line()).startsWith("+OK");
            long started = System.nanoTime();
            assertThat(pop.line()).startsWith("-ERR");
            Pop3Wire.Ending ending = pop.awaitClosed();
            assertThat(ending.rest()).isEmpty();
            assertThat(ending.abortive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(IDLE.multipliedBy(4));
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    @Test
    void oneByteASecond_neverCompletingALine_isClosedAtTheIdleTimeout() throws Exception {
        try (Pop3Wire pop = open()) {
            assertThat(pop.line()).startsWith("+OK");
            pop.send("USER alice\r\nPASS secret\r\n");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(pop.line()).startsWith("+OK");
            long started = System.nanoTime();
            long limit = IDLE.multipliedBy(5).toNanos();
            pop.timeout(Duration.ofMillis(500));
            boolean closed = false;
            while (!closed && System.nanoTime() - started < limit) {
                try {
                    pop.send("N");
                } catch (java.io.UncheckedIOException e) {
                    closed = true;
                    break;
                }
                closed = pop.closedByServer();
            }
            assertThat(closed)
                    .as("a trickle of bytes without a line end kept the session open for " + IDLE.multipliedBy(5))
                    .isTrue();
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    @Test
    void slowButCompleteLines_withinTheIdleTimeout_keepTheSessionAlive() throws Exception {
        try (Pop3Wire pop = open()) {
            assertThat(pop.line()).startsWith("+OK");
            // A client pacing its commands half an idle timeout apart: the pacing is what is tested.
            long pace = IDLE.toMillis() / 2;
            var sends = pacer.scheduleAtFixedRate(() -> pop.send("CAPA\r\n"), pace, pace, TimeUnit.MILLISECONDS);
            try {
                for (int i = 0; i < 4; i++) {
                    assertThat(pop.line()).startsWith("+OK");
                    pop.rawBody(); // capabilities
                }
            } finally {
                sends.cancel(false);
            }
        }
    }

    @Test
    void clientThatStopsReadingDuringALargeRetr_isNotBufferedWhole_andIsClosedAtTheIdleTimeout() throws Exception {
        int megabytes = Hostile.LONG ? 200 : 50;
        byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[megabytes << 20];
        for (int i = 0; i + line.length <= message.length; i += line.length) {
            System.arraycopy(line, 0, message, i, line.length);
        }
        Arrays.fill(message, message.length - (message.length % line.length), message.length, (byte) 'y');
        mail.mailbox("bob").add(message);
        message = null;
        long baseline = Hostile.usedHeapAfterGc();
        try (Pop3Wire pop = open()) {
            pop.socket().setReceiveBufferSize(64 * 1024);
            pop.send("USER bob\r\nPASS hunter2\r\nRETR 1\r\n");
            // The client reads nothing. Whatever the server queued for it must stay small.
            // Five samples of the heap, 300 ms apart, while the client stalls.
            AtomicLong worst = new AtomicLong();
            CountDownLatch samples = new CountDownLatch(5);
            var sampling = pacer.scheduleAtFixedRate(
                    () -> {
                        worst.accumulateAndGet(Hostile.usedHeapAfterGc() - baseline, Math::max);
                        samples.countDown();
                    },
                    300,
                    300,
                    TimeUnit.MILLISECONDS);
            assertThat(samples.await(30, TimeUnit.SECONDS))
                    .as("heap samples taken")
                    .isTrue();
            sampling.cancel(false);
            assertThat(worst.get())
                    .as("heap growth while a client does not read a %d MB message", megabytes)
                    .isLessThan(16L << 20);
            Await.until(
                    IDLE.multipliedBy(10),
                    "the stalled session closed at the idle timeout and released bob's maildrop",
                    () -> !mail.mailbox("bob").isLocked());
        }
        Hostile.normalSessionWorks(server, mail, before);
    }

    private Pop3Wire open() {
        return Pop3Wire.open(server.port()).timeout(IDLE.multipliedBy(5));
    }
}
