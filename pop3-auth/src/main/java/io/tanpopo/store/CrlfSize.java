package io.tanpopo.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the octets of a stored message in the form POP3 sends it (RFC 1939 §3): every bare LF
 * becomes CRLF, and a message whose last line has no line ending gets one. Dot-stuffing is not
 * counted: clients remove it before they count. The protocol's body encoder produces exactly this
 * many octets (before stuffing), so LIST sizes always equal what the client receives.
 */
public final class CrlfSize {

    private long octets;
    private int previous = -1;

    /** Feeds the next part of the stored message. */
    public void update(byte[] bytes, int offset, int length) {
        long count = length;
        int prev = previous;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && prev != '\r') {
                count++;
            }
            prev = b;
        }
        octets += count;
        previous = prev;
    }

    /** The wire size of everything fed so far, as a complete message. */
    public long total() {
        return previous == -1 || previous == '\n' ? octets : octets + 2;
    }

    /** The wire size of a whole message in memory. */
    public static long of(byte[] message) {
        CrlfSize size = new CrlfSize();
        size.update(message, 0, message.length);
        return size.total();
    }

    /** The wire size of a whole message read from {@code in} (which is not closed). */
    public static long of(InputStream in) throws IOException {
        CrlfSize size = new CrlfSize();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            size.update(buffer, 0, n);
        }
        return size.total();
    }
}
