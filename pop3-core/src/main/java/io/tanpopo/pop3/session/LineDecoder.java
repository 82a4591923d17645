package io.tanpopo.pop3.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits the client's bytes into command lines (RFC 1939 §3: lines end with CRLF; a bare LF is
 * accepted too). A line longer than the limit is never buffered whole: the decoder keeps nothing of
 * it, discards the rest up to the next line end as it arrives, and reports it once as too long. The
 * limit is the sink's: a command line's (RFC 2449 §4: 255 octets) unless a SASL response is awaited.
 */
public final class LineDecoder {

    /** Where decoded lines go. */
    public interface Sink {
        /** A line without its CRLF; {@code octets} is its length on the wire, CRLF included. */
        void line(String line, int octets);

        void tooLong();

        /**
         * Whether the sink takes another line now; when it does not, {@link #feed} returns at once,
         * leaving the rest of its input unread for the caller to keep (back-pressure).
         */
        default boolean accepting() {
            return true;
        }

        /** The longest line the sink takes next, CRLF included; the decoder's capacity caps it. */
        default int lineLimit() {
            return Integer.MAX_VALUE;
        }
    }

    /** A command line fits this; a longer SASL response grows the buffer, which shrinks back after it. */
    private static final int INITIAL = 256;

    private byte[] buffer;
    private int length;
    private boolean discarding;
    private final int capacity;

    /**
     * @param capacity longest line ever kept, in octets including CRLF: room for a SASL response; a
     *     sink's {@link Sink#lineLimit} is usually far below it
     */
    public LineDecoder(int capacity) {
        this.buffer = new byte[Math.min(INITIAL, capacity)];
        this.capacity = capacity;
    }

    /** Forgets any partial line (after STLS nothing sent before the handshake may be used). */
    public void reset() {
        length = 0;
        discarding = false;
    }

    /** Whether bytes of a line not yet ended are held (or being discarded). */
    public boolean hasPartialLine() {
        return length > 0 || discarding;
    }

    /** Decodes {@code in} until it is empty or the sink stops {@link Sink#accepting accepting} lines. */
    public void feed(ByteBuffer in, Sink sink) {
        int limit = Math.min(capacity, sink.lineLimit());
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                endLine(sink);
                if (!sink.accepting()) {
                    return;
                }
                limit = Math.min(capacity, sink.lineLimit());
            } else if (discarding) {
                // the rest of a line that is too long: dropped up to its end, never held
            } else if (length + 2 > limit) {
                discarding = true;
                length = 0;
            } else {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, capacity));
                }
                buffer[length++] = b;
            }
        }
    }

    private void endLine(Sink sink) {
        if (discarding) {
            discarding = false;
            sink.tooLong();
            return;
        }
        int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
        String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
        int octets = length + 1;
        length = 0;
        if (buffer.length > INITIAL) {
            buffer = new byte[INITIAL]; // a long SASL response is over: an idle session holds no more than a command
        }
        sink.line(line, octets);
    }
}
