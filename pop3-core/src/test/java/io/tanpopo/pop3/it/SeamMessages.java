package io.tanpopo.pop3.it;

import java.util.Random;

/**
 * Random messages that put the hard cases of the CRLF and dot-stuffing encoder where buffers end:
 * lines of letters ending in bare LF, some in CRLF, some starting with ".", with a line end or a
 * leading dot at and just before every 64 KB and 8 KB boundary.
 */
public final class SeamMessages {

    private SeamMessages() {}

    /**
     * {@code size} octets, the same for the same {@code seed}; with {@code loneCr}, some CRs are
     * not followed by LF (a lone CR is data, not a line end).
     */
    public static byte[] of(int size, int seed, boolean loneCr) {
        byte[] message = new byte[size];
        Random random = new Random(seed);
        int column = 0;
        for (int i = 0; i < size; i++) {
            boolean seam = (i + 1) % 65_536 < 3 || (i + 1) % 8_192 == 0;
            if (column > 0 && (column > 70 || seam || random.nextInt(60) == 0)) {
                message[i] = '\n';
                column = 0;
            } else if (column == 0 && (seam || random.nextInt(5) == 0)) {
                message[i] = '.';
                column++;
            } else if (column > 0 && i + 1 < size && random.nextInt(30) == 0) {
                message[i] = '\r';
                if (!loneCr || random.nextBoolean()) {
                    message[++i] = '\n';
                    column = 0;
                }
            } else {
                message[i] = (byte) ('a' + random.nextInt(26));
                column++;
            }
        }
        return message;
    }
}
