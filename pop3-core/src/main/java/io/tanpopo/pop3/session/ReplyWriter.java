package io.tanpopo.pop3.session;

import io.tanpopo.pop3.protocol.Reply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one session's replies on its connection, in order: a short reply at once, a message body
 * chunk by chunk. Chunks, the last one included, are written back to back while less than
 * {@value #HIGH_WATER} octets are queued (less before login, see {@link #highWater}); beyond that the
 * next chunk (or the next command) waits until the transport reports the last one written, so the
 * socket stays busy and a client that stops reading holds back the store instead of filling memory.
 */
final class ReplyWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);
    static final long HIGH_WATER = 256 * 1024;

    private final Connection connection;
    private final Executor workers;
    private final String sessionId;
    /** Set when the connection is gone: a stream then stops and releases the message. */
    private volatile boolean closed;
    /** The stream whose next chunk waits for the transport to report the last one written. */
    private final AtomicReference<ReplyStream> parked = new AtomicReference<>();
    /** Only the thread that owns the session (see {@link SessionDriver}) reads or sets this. */
    private long highWater = HIGH_WATER;

    ReplyWriter(Connection connection, Executor workers, String sessionId) {
        this.connection = connection;
        this.workers = workers;
        this.sessionId = sessionId;
    }

    /**
     * Sets how many octets may be queued before the next write waits for the transport: before login
     * only small replies go out, and a client that pipelines commands but never reads must not make
     * the server hold much for it.
     */
    void highWater(long octets) {
        this.highWater = octets;
    }

    /** Writes a one-line or short multi-line reply and returns true; false when it must be streamed. */
    boolean writeInline(Reply reply) {
        if (reply.body().isEmpty() && reply.after() == Reply.After.CONTINUE && connection.queuedBytes() < highWater) {
            connection.write(new ReplyStream(reply).nextQuietly(), null);
            return true;
        }
        return false;
    }

    /** Writes {@code reply} however long it is, closes the connection if it says so, then runs {@code next}. */
    void stream(Reply reply, Runnable next) {
        pump(new ReplyStream(reply), reply, next);
    }

    private void pump(ReplyStream stream, Reply reply, Runnable next) {
        while (true) {
            if (closed) {
                closeQuietly(stream);
                next.run();
                return;
            }
            if (!stream.hasNext()) {
                if (reply.after() == Reply.After.CLOSE) {
                    connection.close();
                }
                next.run();
                return;
            }
            ByteBuffer chunk;
            try {
                chunk = stream.nextBuffer();
            } catch (IOException e) {
                // The status line is out: the only honest end is to drop the connection.
                LOG.warn("[{}] reading a message failed mid-reply, closing: {}", sessionId, e.toString());
                closeQuietly(stream);
                connection.close();
                next.run();
                return;
            }
            if (connection.queuedBytes() + chunk.remaining() < highWater) {
                // The last chunk too: the next reply queues behind it, so nobody waits for it to leave.
                connection.write(chunk, null);
                continue;
            }
            stream.releaseBuffers(); // while parked; the chunk keeps its array until the transport copied it
            parked.set(stream);
            connection.write(chunk, () -> {
                if (parked.compareAndSet(stream, null)) {
                    workers.execute(() -> pump(stream, reply, next));
                }
            });
            return;
        }
    }

    /** The connection is gone: a reply being streamed stops at its next chunk. */
    void connectionClosed() {
        closed = true;
    }

    /**
     * The connection is gone while a reply waits for a write that may never be reported (a client
     * that stopped reading): gives up that reply and returns true, so the caller ends the session
     * itself; false when no reply is parked (whoever runs it will see the connection closed).
     */
    boolean abandon() {
        ReplyStream stream = parked.getAndSet(null);
        if (stream == null) {
            return false;
        }
        closeQuietly(stream);
        return true;
    }

    private static void closeQuietly(ReplyStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing a message stream failed", e);
        }
    }
}
