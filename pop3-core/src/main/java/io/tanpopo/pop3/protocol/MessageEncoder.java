package io.tanpopo.pop3.protocol;

/**
 * Turns a stored message into its multi-line wire form (RFC 1939 §3), one chunk at a time: bare
 * LF becomes CRLF, a line starting with "." gets another ".", and for TOP only the header and the
 * first n body lines pass. Produces exactly {@link io.tanpopo.store.CrlfSize} octets (before
 * stuffing) for a whole message.
 */
public final class MessageEncoder {

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
        for (int i = offset; i < offset + length && !done; i++) {
            byte b = in[i];
            if (previous == '\n') {
                if (inBody && bodyLimit >= 0 && bodyLines++ >= bodyLimit) {
                    done = true;
                    break;
                }
                if (b == '.') {
                    out[o++] = '.';
                }
            }
            if (b == '\n') {
                if (previous != '\r') {
                    out[o++] = '\r';
                }
                inBody |= lineLength == 0 || (lineLength == 1 && previous == '\r');
                lineLength = 0;
            } else {
                lineLength++;
            }
            out[o++] = b;
            previous = b;
        }
        return o - outOffset;
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
