package io.tanpopo.store.maildir;

import io.tanpopo.store.CrlfSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the exact CRLF size (RFC 1939 §5) of each listed message: from {@code ,W=} in the name,
 * else from the {@link MaildirMemory}, else from the {@link SizeCacheFile}, else by reading the
 * message once (streamed). What was learnt is remembered in both caches.
 */
final class MessageSizes {

    /** Marks a message that vanished before its size could be read. */
    static final long VANISHED = -1;
    /** Most messages fit, and are read with one {@code read} (see {@link #read}). */
    private static final int BUFFER = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MessageSizes.class);

    private final MaildirMemory memory;
    private final SizeCacheFile cacheFile;
    private final MaildirScanner scanner;
    private final FileOps ops;
    private final ThreadLocal<ByteBuffer> buffers =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));

    MessageSizes(MaildirMemory memory, SizeCacheFile cacheFile, MaildirScanner scanner, FileOps ops) {
        this.memory = memory;
        this.cacheFile = cacheFile;
        this.scanner = scanner;
        this.ops = ops;
    }

    /** Starts a listing of {@code root}: the sizes known so far, from memory or the cache file. */
    Learning learn(Path root) {
        Optional<KnownSizes> remembered = memory.sizes(root);
        return new Learning(root, remembered.isPresent() ? remembered.get().byBase() : cacheFile.read(root));
    }

    /** The sizes of one listing, given to the scanner as its {@link MaildirScanner.Sizer}. */
    final class Learning implements MaildirScanner.Sizer {

        private final Path root;
        private final Map<String, SizeEntry> known;

        private Learning(Path root, Map<String, SizeEntry> known) {
            this.root = root;
            this.known = known;
        }

        /** From the name, else remembered for the same length and mtime, else read; or VANISHED. */
        @Override
        public long size(MessageFile file, MessageDirectory dir, Path name) throws IOException {
            OptionalLong named = file.name().wireSize();
            if (named.isPresent()) {
                return named.getAsLong();
            }
            SizeEntry entry = known.get(file.name().base());
            if (entry != null && entry.matches(file)) {
                return entry.size();
            }
            try (ReadableByteChannel in = dir.open(name, ops)) {
                return read(in, file.length());
            } catch (NoSuchFileException moved) {
                return moved(root, file);
            }
        }

        /**
         * Remembers the sizes of {@code listed} (one file per base name) in memory and, when they
         * differ from what was known (a message read, a known one gone), in the cache file. The
         * caller no longer changes {@code listed}.
         */
        void remember(List<MaildirScanner.Sized> listed) {
            int kept = 0;
            boolean changed = false;
            for (int i = 0; i < listed.size() && !changed; i++) {
                if (KnownSizes.remembered(listed.get(i))) {
                    changed = !wasKnown(listed.get(i));
                    kept++;
                }
            }
            if (changed || kept != known.size()) {
                save(root, listed);
            }
            memory.putSizes(root, new KnownSizes(listed));
        }

        /** Whether {@code sized} is what was known. A method: once per message of a big listing. */
        private boolean wasKnown(MaildirScanner.Sized sized) {
            SizeEntry entry = known.get(sized.file().name().base());
            return entry != null && entry.matches(sized.file()) && entry.size() == sized.size();
        }
    }

    /** The size of a message renamed since it was listed, found again by base name. */
    private long moved(Path root, MessageFile file) throws IOException {
        Optional<MessageFile> now = scanner.find(root, file.name().base());
        if (now.isEmpty()) {
            return VANISHED;
        }
        try (ReadableByteChannel in = Channels.newChannel(ops.open(now.get().path(root)))) {
            return read(in, now.get().length());
        } catch (NoSuchFileException gone) {
            return VANISHED;
        }
    }

    /**
     * The CRLF size of what {@code in} gives until its end. A read that returns less than asked
     * for, at the {@code length} the listing saw, is taken as the end of the file (read(2) of a
     * regular file is short only there): one system call for most messages instead of two.
     */
    private long read(ReadableByteChannel in, long length) throws IOException {
        ByteBuffer buffer = buffers.get();
        CrlfSize size = new CrlfSize();
        long total = 0;
        for (int n; ; ) {
            buffer.clear();
            n = in.read(buffer);
            if (n < 0) {
                break;
            }
            size.update(buffer.array(), 0, n);
            total += n;
            if (total == length && n < buffer.capacity()) {
                break;
            }
        }
        return size.total();
    }

    private void save(Path root, List<MaildirScanner.Sized> listed) {
        try {
            cacheFile.write(root, listed);
        } catch (IOException e) {
            LOG.warn("Cannot write the size cache in {}: {}", root, e.toString());
        }
    }
}
