package io.tanpopo.pop3.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits the client's bytes into command lines (RFC 1939 §3: lines end with CRLF; a bare LF is
 * accepted too). A line longer than the limit is never buffered whole: the decoder keeps at most
 * the limit, discards the rest up to the next line end, and reports it once as too long.
 */
public final class LineDecoder {

    /** Where decoded lines go. */
    public interface Sink {
        /** A line without its CRLF; {@code octets} is its length on the wire, CRLF included. */
        void line(String line, int octets);

        void tooLong();
    }

    /** A command line fits this; a longer SASL response grows the buffer up to the limit. */
    private static final int INITIAL = 256;

    private byte[] buffer;
    private int length;
    private boolean discarding;
    private final int maxLength;

    /**
     * @param maxLength longest line kept, in octets including CRLF; the dispatcher applies the
     *     stricter command-line limit, SASL responses may use all of this
     */
    public LineDecoder(int maxLength) {
        this.buffer = new byte[Math.min(INITIAL, maxLength)];
        this.maxLength = maxLength;
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

    public void feed(ByteBuffer in, Sink sink) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                endLine(sink);
            } else if (discarding) {
                continue;
            } else if (length + 2 > maxLength) {
                discarding = true;
                length = 0;
            } else {
                if (length == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLength));
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
        sink.line(line, octets);
    }
}
