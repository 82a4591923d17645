package io.tanpopo.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message stream that fails after {@code octets} octets, so the session driver drops the
 * connection in the middle of a reply (it cannot do anything else once the status line is out).
 * Reads return short at the limit, so the octets before it are still sent; a message shorter than
 * the limit is sent whole but never terminated.
 */
final class DroppingStream extends FilterInputStream {

    private long remaining;

    DroppingStream(InputStream content, long octets) {
        super(content);
        this.remaining = octets;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        read(one, 0, 1);
        return one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            throw new IOException("injected fault: connection dropped");
        }
        int n = super.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            // A shorter message than the limit still never ends properly.
            throw new IOException("injected fault: connection dropped at the end of the message");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int readNBytes(byte[] b, int off, int len) throws IOException {
        // Deliberately short at the limit: what was read so far must reach the client first.
        return read(b, off, len);
    }
}
