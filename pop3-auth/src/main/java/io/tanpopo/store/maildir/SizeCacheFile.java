package io.tanpopo.store.maildir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@code tanpopo-sizes} in the maildir's root, next to Dovecot's and Courier's own
 * bookkeeping files, where no maildir reader looks for messages. It holds the CRLF sizes of
 * messages whose names carry no {@code ,W=}, so that a login reads no message twice.
 *
 * <p>Format: a header line {@value #HEADER}, then one line per message
 * {@code <size> <length> <mtime-ms> <base name>}. It is only a cache: a file that is too big,
 * has another header, is not a regular file (a link, a FIFO: see {@link SafeFile}) or cannot be
 * decoded is ignored with a warning, and malformed or overlong lines are skipped; it is never
 * read beyond {@value #MAX_BYTES} bytes. It is replaced atomically (write a temporary file, then
 * rename over), relative to the maildir's handle.
 */
final class SizeCacheFile {

    static final String NAME = "tanpopo-sizes";
    private static final String HEADER = "tanpopo-sizes 1";
    private static final long MAX_BYTES = 64L << 20;
    private static final int MAX_ENTRIES = 2_000_000;
    /** Three numbers and a file name of at most 255 bytes, with room to spare. */
    private static final int MAX_LINE = 1024;

    private static final Path FILE = Path.of(NAME);
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
    private static final Logger LOG = LoggerFactory.getLogger(SizeCacheFile.class);

    /** The entries of the maildir's cache file; empty when there is none or it is unusable. */
    Map<String, SizeEntry> read(MaildirHandles maildir) {
        Map<String, SizeEntry> entries = new HashMap<>();
        try {
            Optional<FileChannel> opened = SafeFile.open(maildir.root(), FILE);
            if (opened.isEmpty()) {
                return entries;
            }
            try (FileChannel channel = opened.get();
                    InputStream in = SafeFile.bounded(channel, MAX_BYTES)) {
                BoundedLines lines = new BoundedLines(in, MAX_LINE);
                if (!HEADER.equals(lines.next())) {
                    LOG.warn("Ignoring {} in {}: unknown format", NAME, maildir.path());
                    return entries;
                }
                for (String line; (line = lines.next()) != null && entries.size() < MAX_ENTRIES; ) {
                    parse(line, entries);
                }
            }
        } catch (IOException e) {
            LOG.warn("Ignoring {} in {} (rebuilt at the next change): {}", NAME, maildir.path(), e.toString());
        }
        return entries;
    }

    /**
     * Replaces the maildir's cache file with the {@linkplain KnownSizes#remembered remembered}
     * sizes of {@code listed}: written to a new file ({@code O_CREAT|O_EXCL}, which follows no
     * link), then renamed over whatever has the name ({@code renameat(2)} replaces a link or FIFO
     * itself, never what it leads to).
     */
    void write(MaildirHandles maildir, List<MaildirScanner.Sized> listed) throws IOException {
        SecureDirectoryStream<Path> root = maildir.root();
        Path tmp = Path.of("." + NAME + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            try (OutputStream out = Channels.newOutputStream(root.newByteChannel(tmp, CREATE))) {
                Lines lines = new Lines(out);
                lines.text(HEADER).end();
                for (MaildirScanner.Sized sized : listed) {
                    lines.entry(sized);
                }
                lines.flush();
            }
            root.move(tmp, root, FILE);
        } finally {
            try {
                root.deleteFile(tmp);
            } catch (NoSuchFileException renamed) {
                // the usual case: it is the cache file now
            }
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
                number(sized.size())
                        .number(file.length())
                        .number(file.modified())
                        .text(file.name().base())
                        .end();
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
