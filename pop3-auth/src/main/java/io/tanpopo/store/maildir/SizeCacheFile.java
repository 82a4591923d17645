package io.tanpopo.store.maildir;

import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@code tanpopo-sizes} in the maildir's root, next to Dovecot's and Courier's own
 * bookkeeping files, where no maildir reader looks for messages. It holds the CRLF sizes of
 * messages whose names carry no {@code ,W=}, so that a login reads no message twice.
 *
 * <p>Format: a header line {@value #HEADER}, then one line per message
 * {@code <size> <length> <mtime-ms> <base name>}. It is only a cache: a file that is too big,
 * has another header or cannot be decoded is ignored, and malformed lines are skipped. It is
 * replaced atomically (write a temporary file, then rename over).
 */
final class SizeCacheFile {

    static final String NAME = "tanpopo-sizes";
    private static final String HEADER = "tanpopo-sizes 1";
    private static final long MAX_BYTES = 64L << 20;
    private static final int MAX_ENTRIES = 2_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(SizeCacheFile.class);

    /** The entries of the root's cache file; empty when there is none or it is unusable. */
    Map<String, SizeEntry> read(Path root) {
        Path file = root.resolve(NAME);
        Map<String, SizeEntry> entries = new HashMap<>();
        try {
            if (Files.size(file) > MAX_BYTES) {
                LOG.warn("Ignoring {}: larger than {} bytes", file, MAX_BYTES);
                return entries;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                if (!HEADER.equals(in.readLine())) {
                    LOG.warn("Ignoring {}: unknown format", file);
                    return entries;
                }
                for (String line; (line = in.readLine()) != null && entries.size() < MAX_ENTRIES; ) {
                    parse(line, entries);
                }
            }
        } catch (NoSuchFileException absent) {
            return entries;
        } catch (IOException e) {
            LOG.warn("Ignoring the rest of {}: {}", file, e.toString());
        }
        return entries;
    }

    /**
     * Replaces the root's cache file with the {@linkplain KnownSizes#remembered remembered} sizes
     * of {@code listed}.
     */
    void write(Path root, List<MaildirScanner.Sized> listed) throws IOException {
        Path tmp = Files.createTempFile(root, "." + NAME + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                Lines lines = new Lines(out);
                lines.text(HEADER).end();
                for (MaildirScanner.Sized sized : listed) {
                    lines.entry(sized);
                }
                lines.flush();
            }
            Files.move(tmp, root.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Lines of space-separated fields, formatted by hand because a first login writes one line per
     * message with the JIT still cold (a {@code BufferedWriter} of concatenated strings cost a
     * tenth of a big first login).
     */
    private static final class Lines {
        private final OutputStream out;
        private final byte[] digits = new byte[19]; // Long.MAX_VALUE
        private boolean fieldStarted;

        Lines(OutputStream out) {
            this.out = new BufferedOutputStream(out, 64 * 1024);
        }

        /**
         * The line of a listed message, if its size is remembered. A method, not a loop body:
         * a method is compiled after a few hundred calls, a loop after tens of thousands of turns.
         */
        void entry(MaildirScanner.Sized sized) throws IOException {
            if (KnownSizes.remembered(sized)) {
                MessageFile file = sized.file();
                number(sized.size()).number(file.length()).number(file.modified())
                        .text(file.name().base()).end();
            }
        }

        /** A decimal field, its digits put straight into the buffer (no string per number). */
        Lines number(long value) throws IOException {
            if (value < 0) {
                return text(Long.toString(value));
            }
            int at = digits.length;
            long rest = value;
            do {
                digits[--at] = (byte) ('0' + rest % 10);
                rest /= 10;
            } while (rest != 0);
            separate();
            out.write(digits, at, digits.length - at);
            return this;
        }

        Lines text(String field) throws IOException {
            separate();
            out.write(field.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private void separate() throws IOException {
            if (fieldStarted) {
                out.write(' ');
            }
            fieldStarted = true;
        }

        void end() throws IOException {
            out.write('\n');
            fieldStarted = false;
        }

        void flush() throws IOException {
            out.flush();
        }
    }

    private static void parse(String line, Map<String, SizeEntry> entries) {
        String[] parts = line.split(" ", 4);
        if (parts.length != 4 || MessageName.parse(parts[3]).isEmpty()) {
            return;
        }
        try {
            long size = Long.parseLong(parts[0]);
            long length = Long.parseLong(parts[1]);
            long modified = Long.parseLong(parts[2]);
            if (size >= 0 && length >= 0) {
                entries.put(parts[3], new SizeEntry(length, modified, size));
            }
        } catch (NumberFormatException malformed) {
            // a damaged line: that message's size is computed again
        }
    }
}
