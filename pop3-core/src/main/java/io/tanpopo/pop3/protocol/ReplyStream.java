package io.tanpopo.pop3.protocol;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The octets of one reply, as a sequence of chunks a transport writes one after another: the
 * status line, then the body (dot-stuffed lines or a streamed message), then the terminator.
 * A message is read {@value #READ_SIZE} octets at a time, so memory stays bounded whatever its
 * size, and a slow client holds back reading instead of filling memory.
 */
public final class ReplyStream implements Closeable {

    static final int READ_SIZE = 64 * 1024;

    private final InputStream content;
    private final MessageEncoder encoder;
    private byte[] pending;
    private boolean finished;

    public ReplyStream(Reply reply) {
        byte[] status = (reply.statusLine() + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (reply.body().orElse(null) instanceof ReplyBody.Message message) {
            this.content = message.content();
            this.encoder = new MessageEncoder(message.bodyLines());
            this.pending = status;
        } else {
            this.content = null;
            this.encoder = null;
            this.pending = reply.body().map(b -> withLines(status, (ReplyBody.Lines) b)).orElse(status);
            this.finished = true;
        }
    }

    /** The next chunk, or {@code null} when the whole reply was given. Reads from the store. */
    public byte[] next() throws IOException {
        if (pending != null) {
            byte[] chunk = pending;
            pending = null;
            if (!finished) {
                return join(chunk, encodeMore());
            }
            return chunk;
        }
        return finished ? null : encodeMore();
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

    private byte[] encodeMore() throws IOException {
        byte[] in = new byte[READ_SIZE];
        int n = encoder.isDone() ? -1 : content.readNBytes(in, 0, READ_SIZE);
        if (n <= 0) {
            finished = true;
            close();
            return encoder.finish();
        }
        byte[] out = new byte[MessageEncoder.maxOutput(n)];
        int written = encoder.encode(in, 0, n, out, 0);
        return Arrays.copyOf(out, written);
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

    private static byte[] join(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Releases the message stream; safe to call more than once. */
    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        }
    }
}
