package io.tanpopo.store.maildir;

import io.tanpopo.store.CrlfSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the exact CRLF size (RFC 1939 §5) of each listed message: from {@code ,W=} in the name,
 * else from the {@link ListingCache}, else from the {@link SizeCacheFile}, else by reading the
 * message once (streamed). What was learnt is remembered in both caches.
 */
final class MessageSizes {

    /** Marks a message that vanished before its size could be read. */
    static final long VANISHED = -1;
    /** Most messages fit, and are read with one {@code read} (see {@link #read}). */
    private static final int BUFFER = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MessageSizes.class);

    private final ListingCache listings;
    private final SizeCacheFile cacheFile;
    private final MaildirScanner scanner;
    private final FileOps ops;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));

    MessageSizes(ListingCache listings, SizeCacheFile cacheFile, MaildirScanner scanner, FileOps ops) {
        this.listings = listings;
        this.cacheFile = cacheFile;
        this.scanner = scanner;
        this.ops = ops;
    }

    /** Starts a listing of {@code root}: the sizes known so far, from memory or the cache file. */
    Learning learn(MaildirHandles maildir) {
        Optional<KnownSizes> remembered = listings.sizes(maildir.key());
        return new Learning(maildir, remembered.isPresent() ? remembered.get().byBase() : cacheFile.read(maildir));
    }

    /** The sizes of one listing, given to the scanner as its {@link MaildirScanner.Sizer}. */
    final class Learning implements MaildirScanner.Sizer {

        private final MaildirHandles maildir;
        private final Map<String, SizeEntry> known;

        private Learning(MaildirHandles maildir, Map<String, SizeEntry> known) {
            this.maildir = maildir;
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
                return moved(maildir, file);
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
                save(maildir, listed);
            }
            listings.putSizes(maildir.key(), new KnownSizes(listed));
        }

        /** Whether {@code sized} is what was known. A method: once per message of a big listing. */
        private boolean wasKnown(MaildirScanner.Sized sized) {
            SizeEntry entry = known.get(sized.file().name().base());
            return entry != null && entry.matches(sized.file()) && entry.size() == sized.size();
        }
    }

    /** The size of a message renamed since it was listed, found again by base name. */
    private long moved(MaildirHandles maildir, MessageFile file) throws IOException {
        Optional<MessageFile> now = scanner.find(maildir, file.name().base());
        if (now.isEmpty()) {
            return VANISHED;
        }
        try (ReadableByteChannel in = ops.open(
                maildir.dir(now.get().inNew()), Path.of(now.get().name().fileName()))) {
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

    /**
     * Writes the cache file; a failure (a full disk, a read-only mount) only costs reading the
     * messages again at a later first login, and is logged once until a write succeeds again.
     */
    private void save(MaildirHandles maildir, List<MaildirScanner.Sized> listed) {
        try {
            cacheFile.write(maildir, listed);
            failing.set(false);
        } catch (IOException e) {
            if (!failing.getAndSet(true)) {
                LOG.warn(
                        "Cannot write the size cache in {} (skipped; logged once until it works): {}",
                        maildir.path(),
                        e.toString());
            } else {
                LOG.debug("Cannot write the size cache in {}: {}", maildir.path(), e.toString());
            }
        }
    }
}
