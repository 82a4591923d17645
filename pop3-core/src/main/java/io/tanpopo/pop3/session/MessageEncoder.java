package io.tanpopo.pop3.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Turns a stored message into its multi-line wire form (RFC 1939 §3), one chunk at a time: bare
 * LF becomes CRLF, a line starting with "." gets another ".", and for TOP only the header and the
 * first n body lines pass. Produces exactly {@link io.tanpopo.store.CrlfSize} octets (before
 * stuffing) for a whole message.
 */
public final class MessageEncoder {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';

    /** The longest {@link #finish()}: CRLF and ".CRLF". */
    public static final int MAX_END = 5;

    private final long bodyLimit;
    private int previous = '\n';
    private int lineLength;
    private boolean inBody;
    private long bodyLines;
    private boolean done;

    /** @param bodyLines body lines to pass after the header, or -1 for all */
    public MessageEncoder(long bodyLines) {
        this.bodyLimit = bodyLines;
    }

    /** Room {@link #encode} may need for {@code length} input octets. */
    public static int maxOutput(int length) {
        return length * 2 + 8;
    }

    /**
     * Encodes {@code length} octets of input into {@code out} from {@code outOffset}; returns the
     * number of octets written. Input after the TOP limit is ignored.
     */
    public int encode(byte[] in, int offset, int length, byte[] out, int outOffset) {
        int o = outOffset;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (previous == '\n') {
                boolean stuff = startLine(in[i]);
                if (done) {
                    break;
                }
                if (stuff) {
                    out[o++] = '.';
                }
            }
            int lf = indexOfLf(in, i, end);
            // The line's octets up to LF go out as a block.
            int run = lf - i;
            System.arraycopy(in, i, out, o, run);
            o += run;
            if (run > 0) {
                lineLength += run;
                previous = in[lf - 1];
            }
            if (lf == end) {
                break;
            }
            o = endLine(out, o);
            i = lf + 1;
        }
        return o - outOffset;
    }

    /**
     * The index of the first LF in {@code in[from, end)}, or {@code end}; eight octets a step: a
     * word XOR LFs has a zero octet where an LF was, and {@code (x - 0x01…) & ~x & 0x80…} marks the
     * lowest zero octet exactly (a borrow can only mark octets above it).
     */
    static int indexOfLf(byte[] in, int from, int end) {
        int i = from;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long x = (long) LONGS.get(in, i) ^ LFS;
            long zero = (x - ONES) & ~x & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        while (i < end && in[i] != '\n') {
            i++;
        }
        return i;
    }

    /** At the start of a line beginning with {@code first}: whether to stuff a dot (or stop, for TOP). */
    private boolean startLine(byte first) {
        if (inBody && bodyLimit >= 0 && bodyLines++ >= bodyLimit) {
            done = true;
            return false;
        }
        return first == '.';
    }

    /** Writes the line end, CRLF whatever the stored form, and notes where the header ends. */
    private int endLine(byte[] out, int at) {
        int o = at;
        if (previous != '\r') {
            out[o++] = '\r';
        }
        inBody |= lineLength == 0 || (lineLength == 1 && previous == '\r');
        lineLength = 0;
        out[o++] = '\n';
        previous = '\n';
        return o;
    }

    /** Whether the TOP limit was reached and further input will be ignored. */
    public boolean isDone() {
        return done;
    }

    /** The end: a CRLF if the message did not end with one, then the terminating ".CRLF". */
    public byte[] finish() {
        return previous == '\n' ? new byte[] {'.', '\r', '\n'} : new byte[] {'\r', '\n', '.', '\r', '\n'};
    }
}
