package io.tanpopo.pop3.protocol;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The octets of one reply, as a sequence of chunks a transport writes one after another: the
 * status line, then the body (dot-stuffed lines or a streamed message), then the terminator.
 * A message is read {@value #READ_SIZE} octets at a time, so memory stays bounded whatever its
 * size, and a slow client holds back reading instead of filling memory. Each chunk is a fresh
 * array (the transport keeps it until written); the read buffer is reused.
 */
public final class ReplyStream implements Closeable {

    static final int READ_SIZE = 64 * 1024;

    private final InputStream content;
    private final MessageEncoder encoder;
    private final byte[] in;
    private byte[] pending;
    private boolean finished;

    public ReplyStream(Reply reply) {
        byte[] status = (reply.statusLine() + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (reply.body().orElse(null) instanceof ReplyBody.Message message) {
            this.content = message.content();
            this.encoder = new MessageEncoder(message.bodyLines());
            this.in = new byte[READ_SIZE];
            this.pending = status;
        } else {
            this.content = null;
            this.encoder = null;
            this.in = null;
            this.pending = reply.body().map(b -> withLines(status, (ReplyBody.Lines) b)).orElse(status);
            this.finished = true;
        }
    }

    /** The next chunk, or {@code null} when the whole reply was given. Reads from the store. */
    public ByteBuffer nextBuffer() throws IOException {
        if (finished) {
            byte[] chunk = pending;
            pending = null;
            return chunk == null ? null : ByteBuffer.wrap(chunk);
        }
        byte[] prefix = pending == null ? new byte[0] : pending;
        pending = null;
        return encodeMore(prefix);
    }

    /** The next chunk as an array of its exact length, or {@code null} at the end. */
    public byte[] next() throws IOException {
        ByteBuffer chunk = nextBuffer();
        return chunk == null ? null : Arrays.copyOfRange(chunk.array(), chunk.position(), chunk.limit());
    }

    /** The first chunk of a reply without a message body, which never reads from a store. */
    byte[] nextQuietly() {
        if (content != null) {
            throw new IllegalStateException("a message reply must be streamed");
        }
        byte[] chunk = pending;
        pending = null;
        return chunk;
    }

    /** Whether {@link #next} has more to give. */
    public boolean hasNext() {
        return pending != null || !finished;
    }

    /** {@code prefix} (the status line, on the first chunk), then the next part of the message. */
    private ByteBuffer encodeMore(byte[] prefix) throws IOException {
        int n = encoder.isDone() ? -1 : content.readNBytes(in, 0, READ_SIZE);
        if (n <= 0) {
            finished = true;
            close();
            byte[] end = encoder.finish();
            byte[] chunk = Arrays.copyOf(prefix, prefix.length + end.length);
            System.arraycopy(end, 0, chunk, prefix.length, end.length);
            return ByteBuffer.wrap(chunk);
        }
        byte[] out = new byte[prefix.length + MessageEncoder.maxOutput(n)];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int written = encoder.encode(in, 0, n, out, prefix.length);
        return ByteBuffer.wrap(out, 0, prefix.length + written);
    }

    private static byte[] withLines(byte[] status, ReplyBody.Lines lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(status.length + 32 * lines.lines().size() + 3);
        out.writeBytes(status);
        for (String line : lines.lines()) {
            if (line.startsWith(".")) {
                out.write('.');
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(new byte[] {'.', '\r', '\n'});
        return out.toByteArray();
    }

    /** Releases the message stream; safe to call more than once. */
    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        }
    }
}
