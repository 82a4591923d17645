package io.tanpopo.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {

    /** A transport that only queues: nothing is written until the test says so. */
    private static final class QueueingConnection implements Connection {
        final Deque<byte[]> queued = new ArrayDeque<>();
        final Deque<Runnable> callbacks = new ArrayDeque<>();
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<Integer> chunkSizes = new ArrayList<>();
        long maxQueued;
        boolean closed;

        @Override
        public void write(byte[] chunk, Runnable onWritten) {
            write(ByteBuffer.wrap(chunk), onWritten);
        }

        @Override
        public void write(ByteBuffer chunk, Runnable onWritten) {
            byte[] copy = new byte[chunk.remaining()];
            chunk.get(copy);
            queued.add(copy);
            callbacks.add(onWritten == null ? () -> {} : onWritten);
            chunkSizes.add(copy.length);
            maxQueued = Math.max(maxQueued, queuedBytes());
        }

        /** The socket takes the oldest queued chunk. */
        boolean flushOne() {
            byte[] chunk = queued.poll();
            if (chunk == null) {
                return false;
            }
            wire.writeBytes(chunk);
            callbacks.poll().run();
            return true;
        }

        @Override
        public long queuedBytes() {
            return queued.stream().mapToLong(c -> c.length).sum();
        }

        @Override
        public void suspendInput() {}

        @Override
        public void resumeInput() {}

        @Override
        public void startTls(byte[] reply, Runnable onWritten) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final QueueingConnection connection = new QueueingConnection();
    private final ReplyWriter writer = new ReplyWriter(connection, Runnable::run, "s1");

    @Test
    void smallMessage_isOneWriteAndTheNextCommandRunsWithoutWaitingForIt() {
        int[] nextRuns = {0};

        writer.stream(retr(ReplyStreamTest.message("a\n.b\n")), () -> nextRuns[0]++);

        assertThat(nextRuns[0]).isEqualTo(1);
        assertThat(connection.chunkSizes).hasSize(1);
        connection.flushOne();
        assertThat(connection.wire.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+OK x\r\na\r\n..b\r\n.\r\n");
    }

    @Test
    void bigMessage_waitsAtTheHighWaterMark_andKeepsTheOctetsInOrder() {
        byte[] message = ReplyStreamTest.lines(2 * 1024 * 1024 + 77);
        int[] nextRuns = {0};

        writer.stream(retr(message), () -> nextRuns[0]++);
        assertThat(nextRuns[0]).as("parked at the high-water mark").isZero();
        assertThat(connection.maxQueued).isLessThan(ReplyWriter.HIGH_WATER + 2 * ReplyStream.READ_SIZE + 64);
        while (connection.flushOne()) {
            assertThat(connection.maxQueued).isLessThan(ReplyWriter.HIGH_WATER + 2 * ReplyStream.READ_SIZE + 64);
        }

        assertThat(nextRuns[0]).isEqualTo(1);
        assertThat(connection.wire.toByteArray()).isEqualTo(ReplyStreamTest.expectedWire(message));
    }

    @Test
    void replyThatCloses_closesAfterItsLastChunkIsQueued() {
        writer.stream(Reply.ok("bye").then(Reply.After.CLOSE), () -> {});

        assertThat(connection.closed).isTrue();
        connection.flushOne();
        assertThat(connection.wire.toString(StandardCharsets.ISO_8859_1)).isEqualTo("+OK bye\r\n");
    }

    private static Reply retr(byte[] message) {
        return Reply.ok("x", new ReplyBody.Message(new ByteArrayInputStream(message), -1));
    }
}
