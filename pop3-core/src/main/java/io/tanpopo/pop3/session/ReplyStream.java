package io.tanpopo.pop3.session;

import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The octets of one reply, as a sequence of chunks a transport writes one after another: the
 * status line, then the body (dot-stuffed lines or a streamed message), then the terminator.
 * A message is read {@value #READ_SIZE} octets at a time, so memory stays bounded whatever its
 * size, and a slow client holds back reading instead of filling memory. The read and the encoding
 * buffers are reused from chunk to chunk (a chunk is valid until the next call; the transport
 * copies it), and let go while the stream waits for a slow client. A read that returns
 * less than asked for is the message's end, so the terminator goes out in the same chunk: a small
 * message is one write, not a body and then a separate ".CRLF".
 */
public final class ReplyStream implements Closeable {

    static final int READ_SIZE = 64 * 1024;
    private static final int MIN_READ_SIZE = 4 * 1024;

    private final InputStream content;
    private final MessageEncoder encoder;
    private final int readSize;
    private byte[] in;
    private byte[] out;
    private byte[] pending;
    private boolean finished;
    /** An octet read past a short read that was not the end (see {@link #atEnd}), or -1. */
    private int carried = -1;
    /** A read failure to report after the octets read before it were sent. */
    private IOException failure;

    public ReplyStream(Reply reply) {
        byte[] status = (reply.statusLine() + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (reply.body().orElse(null) instanceof ReplyBody.Message message) {
            this.content = message.content();
            this.encoder = new MessageEncoder(message.bodyLines());
            this.readSize = readSize(message.content());
            this.in = new byte[readSize];
            this.pending = status;
        } else {
            this.content = null;
            this.encoder = null;
            this.readSize = 0;
            this.in = null;
            this.pending = reply.body()
                    .map(b -> withLines(status, (ReplyBody.Lines) b))
                    .orElse(status);
            this.finished = true;
        }
    }

    /**
     * The next chunk, or {@code null} when the whole reply was given. Reads from the store. A
     * message chunk is only valid until the next call: it is the reused encoding buffer.
     */
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

    /**
     * {@code prefix} (the status line, on the first chunk), then the next part of the message, and
     * the terminator if that part is the last. A read shorter than asked is the end by
     * {@code readNBytes}'s contract; one more {@code read()} confirms it, so that a stream that
     * breaks the contract loses nothing and one that fails there still sends what it gave first.
     */
    private ByteBuffer encodeMore(byte[] prefix) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (in == null) {
            in = new byte[readSize];
        }
        int start = 0;
        if (carried >= 0) {
            in[start++] = (byte) carried;
            carried = -1;
        }
        int n = start + (encoder.isDone() ? 0 : content.readNBytes(in, start, in.length - start));
        byte[] out = room(prefix.length + MessageEncoder.maxOutput(n) + MessageEncoder.MAX_END);
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int length = prefix.length + encoder.encode(in, 0, n, out, prefix.length);
        if (encoder.isDone() || (n < in.length && atEnd())) {
            finished = true;
            close();
            byte[] end = encoder.finish();
            System.arraycopy(end, 0, out, length, end.length);
            length += end.length;
        }
        return ByteBuffer.wrap(out, 0, length);
    }

    /** The encoding buffer, at least {@code size} octets. */
    private byte[] room(int size) {
        if (out == null || out.length < size) {
            out = new byte[size];
        }
        return out;
    }

    /** Lets go of the read and encoding buffers while the stream waits; the next chunk takes new ones. */
    void releaseBuffers() {
        in = null;
        out = null;
    }

    /** After a short read: true at the end; otherwise keeps the octet read, or the failure for the next call. */
    private boolean atEnd() {
        try {
            carried = content.read();
            return carried < 0;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    /**
     * Room for the whole message and one octet more, so that the first read already sees its end
     * (a 1 KB message needs no 64 KB buffer); {@value #READ_SIZE} octets when the size is not known
     * or larger. {@code available()} is only a hint: if it is wrong, the message takes more reads.
     */
    private static int readSize(InputStream content) {
        try {
            int available = content.available();
            return available <= 0 || available >= READ_SIZE ? READ_SIZE : Math.max(available + 1, MIN_READ_SIZE);
        } catch (IOException e) {
            return READ_SIZE;
        }
    }

    /**
     * The status line, the lines dot-stuffed, each ended by CRLF, and the terminator, in one array
     * of its exact length.
     */
    private static byte[] withLines(byte[] status, ReplyBody.Lines lines) {
        List<String> text = lines.lines();
        byte[][] encoded = new byte[text.size()][];
        int size = status.length + 3;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = text.get(i).getBytes(StandardCharsets.UTF_8);
            size += encodedLength(encoded[i]);
        }
        byte[] out = new byte[size];
        System.arraycopy(status, 0, out, 0, status.length);
        int at = status.length;
        for (byte[] line : encoded) {
            at = putLine(out, at, line);
        }
        out[at] = '.';
        out[at + 1] = '\r';
        out[at + 2] = '\n';
        return out;
    }

    /** The octets of {@code line} on the wire: a leading "." doubled, then CRLF. */
    private static int encodedLength(byte[] line) {
        return line.length + 2 + (line.length > 0 && line[0] == '.' ? 1 : 0);
    }

    /** Puts {@code line} at {@code at} as {@link #encodedLength} counts it; where it ends. */
    private static int putLine(byte[] out, int at, byte[] line) {
        if (line.length > 0 && line[0] == '.') {
            out[at++] = '.';
        }
        System.arraycopy(line, 0, out, at, line.length);
        at += line.length;
        out[at] = '\r';
        out[at + 1] = '\n';
        return at + 2;
    }

    /** Releases the message stream; safe to call more than once. */
    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        }
    }
}
