package io.tanpopo.pop3.it;

import io.tanpopo.store.memory.MemoryMailbox;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The messages every client test seeds (STYLE.md §8), and an independent model of how POP3 must
 * deliver them (RFC 1939 §3): bare LF becomes CRLF, an unterminated last line gets CRLF, and on
 * the wire a line starting with "." gets another ".".
 */
final class SeedMessages {

    /** Body lines that start with "." ("..leading" and a lone "." in the middle). */
    static final byte[] DOTS = ascii("From: bob@example.org\r\nSubject: dots\r\n\r\n"
            + "..leading two dots\r\n.\r\n.single leading dot\r\nafter the lone dot\r\n");

    /** Only bare LF line endings, the last line unterminated. */
    static final byte[] BARE_LF = ascii("From: carol@example.org\nSubject: bare LF\n\n"
            + "first line\n.dot after bare LF\n\nlast line without newline");

    /** Raw 8-bit bytes: ISO-8859-1 text, UTF-8 text, and every octet 0x80 to 0xFF. */
    static final byte[] EIGHT_BIT = eightBit();

    static final List<byte[]> ALL = List.of(DOTS, BARE_LF, EIGHT_BIT);

    private SeedMessages() {}

    /** Adds the three messages, in the order of {@link #ALL}, and returns their UIDs. */
    static List<String> seed(MemoryMailbox mailbox) {
        return ALL.stream().map(mailbox::add).toList();
    }

    /** What a client receives for a stored message after un-stuffing: CRLF everywhere, CRLF at the end. */
    static byte[] crlf(byte[] stored) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        for (byte b : stored) {
            if (b == '\n' && previous != '\r') {
                out.write('\r');
            }
            out.write(b);
            previous = b;
        }
        if (stored.length > 0 && previous != '\n') {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The CRLF form as sent inside a multi-line reply: dot-stuffed, without the terminator. */
    static byte[] stuffed(byte[] stored) {
        byte[] crlf = crlf(stored);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (byte b : crlf) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    /** The header of the CRLF form, up to and including the empty line (what TOP msg 0 returns). */
    static byte[] header(byte[] stored) {
        byte[] crlf = crlf(stored);
        int end = indexOf(crlf, ascii("\r\n\r\n"));
        return java.util.Arrays.copyOf(crlf, end + 4);
    }

    /** The body of the CRLF form, after the empty line. */
    static byte[] body(byte[] stored) {
        byte[] crlf = crlf(stored);
        return java.util.Arrays.copyOfRange(crlf, header(stored).length, crlf.length);
    }

    /** The header and the first {@code lines} body lines of the CRLF form (TOP msg n). */
    static byte[] top(byte[] stored, int lines) {
        byte[] head = header(stored);
        byte[] crlf = crlf(stored);
        int end = head.length;
        for (int n = 0; n < lines && end < crlf.length; n++) {
            end = indexOf(crlf, ascii("\r\n"), end) + 2;
        }
        return java.util.Arrays.copyOf(crlf, end);
    }

    static long size(byte[] stored) {
        return crlf(stored).length;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    private static byte[] eightBit() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("From: dave@example.org\r\nSubject: 8bit\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"));
        out.writeBytes("caf\u00e9 na\u00efve \u00e0 la r\u00e9sum\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes("\u65e5\u672c\u8a9e \u00fc\u00df \u2603\r\n".getBytes(StandardCharsets.UTF_8));
        for (int b = 0x80; b <= 0xFF; b++) {
            out.write(b);
        }
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }
}
