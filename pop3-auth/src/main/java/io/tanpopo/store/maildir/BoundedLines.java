package io.tanpopo.store.maildir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of an untrusted file, each at most {@code maxLine} bytes: a longer one comes out as
 * the empty string (malformed, for the caller to skip) and is never held whole in memory. The
 * newline ({@code LF}) is not part of a line; a last line without one counts.
 */
final class BoundedLines {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final int maxLine;
    private int start;
    private int end;
    private boolean eof;

    BoundedLines(InputStream in, int maxLine) {
        if (maxLine > buffer.length) {
            throw new IllegalArgumentException("maxLine above " + buffer.length + ": " + maxLine);
        }
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The lines of a file already read whole (bounded by its reader), as {@link #next} gives them. */
    static List<String> of(byte[] bytes, int maxLine) {
        BoundedLines in = new BoundedLines(new ByteArrayInputStream(bytes), maxLine);
        List<String> lines = new ArrayList<>();
        try {
            for (String line; (line = in.next()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
        }
        return lines;
    }

    /** The next line; null at the end. */
    String next() throws IOException {
        boolean tooLong = false;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    String line = tooLong || i - start > maxLine ? "" : text(start, i);
                    start = i + 1;
                    return line;
                }
            }
            if (end - start > maxLine) {
                tooLong = true; // drop what we have; the rest of the line follows
                start = end;
            }
            if (eof || !fill()) {
                if (start == end && !tooLong) {
                    return null;
                }
                String last = tooLong ? "" : text(start, end);
                start = end;
                return last;
            }
        }
    }

    private String text(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
    }

    /** Reads more after what is left; false at the end of the input. */
    private boolean fill() throws IOException {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }
}
