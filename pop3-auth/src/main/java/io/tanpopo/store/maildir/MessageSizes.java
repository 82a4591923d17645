package io.tanpopo.store.maildir;

import io.tanpopo.store.CrlfSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
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
    private static final int BUFFER = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MessageSizes.class);

    private final MaildirMemory memory;
    private final SizeCacheFile cacheFile;
    private final MaildirScanner scanner;
    private final FileOps ops;

    MessageSizes(MaildirMemory memory, SizeCacheFile cacheFile, MaildirScanner scanner, FileOps ops) {
        this.memory = memory;
        this.cacheFile = cacheFile;
        this.scanner = scanner;
        this.ops = ops;
    }

    /** The sizes of {@code files}, in the same order; {@link #VANISHED} for a vanished one. */
    long[] sizes(Path root, List<MessageFile> files) throws IOException {
        Map<String, SizeEntry> known = memory.sizes(root).orElseGet(() -> cacheFile.read(root));
        Map<String, SizeEntry> now = new HashMap<>();
        long[] sizes = new long[files.size()];
        byte[] buffer = null; // one per call: CrlfSize.of(InputStream) allocates 64 KB per message
        boolean learnt = false;
        for (int i = 0; i < sizes.length; i++) {
            MessageFile file = files.get(i);
            OptionalLong named = file.name().wireSize();
            if (named.isPresent()) {
                sizes[i] = named.getAsLong();
                continue;
            }
            SizeEntry entry = known.get(file.name().base());
            if (entry == null || !entry.matches(file)) {
                buffer = buffer == null ? new byte[BUFFER] : buffer;
                entry = new SizeEntry(file.length(), file.modified(), compute(root, file, buffer));
                learnt = true;
            }
            sizes[i] = entry.size();
            if (entry.size() != VANISHED) {
                now.put(file.name().base(), entry);
            }
        }
        if (learnt || now.size() != known.size()) {
            save(root, now);
        }
        memory.putSizes(root, now);
        return sizes;
    }

    private long compute(Path root, MessageFile file, byte[] buffer) throws IOException {
        try {
            return read(file.path(root), buffer);
        } catch (NoSuchFileException moved) {
            Optional<MessageFile> now = scanner.find(root, file.name().base());
            if (now.isEmpty()) {
                return VANISHED;
            }
            try {
                return read(now.get().path(root), buffer);
            } catch (NoSuchFileException gone) {
                return VANISHED;
            }
        }
    }

    private long read(Path path, byte[] buffer) throws IOException {
        try (InputStream in = ops.open(path)) {
            CrlfSize size = new CrlfSize();
            for (int n; (n = in.read(buffer)) != -1; ) {
                size.update(buffer, 0, n);
            }
            return size.total();
        }
    }

    private void save(Path root, Map<String, SizeEntry> entries) {
        try {
            cacheFile.write(root, entries);
        } catch (IOException e) {
            LOG.warn("Cannot write the size cache in {}: {}", root, e.toString());
        }
    }
}
