package io.tanpopo.store.maildir;

import io.tanpopo.store.CrlfSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
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
        SizeEntry[] entries = new SizeEntry[files.size()];
        long[] sizes = new long[files.size()];
        int[] unknown = new int[files.size()];
        int unknowns = 0;
        for (int i = 0; i < sizes.length; i++) {
            MessageFile file = files.get(i);
            OptionalLong named = file.name().wireSize();
            if (named.isPresent()) {
                sizes[i] = named.getAsLong();
                continue;
            }
            SizeEntry entry = known.get(file.name().base());
            if (entry == null || !entry.matches(file)) {
                unknown[unknowns++] = i;
            } else {
                entries[i] = entry;
            }
        }
        computeAll(root, files, Arrays.copyOf(unknown, unknowns), entries);
        Map<String, SizeEntry> now = remembered(files, entries, sizes);
        if (unknowns > 0 || now.size() != known.size()) {
            save(root, now);
        }
        memory.putSizes(root, now);
        return sizes;
    }

    /** Reads the messages at {@code indexes} into {@code entries}, in parallel when many. */
    private void computeAll(Path root, List<MessageFile> files, int[] indexes, SizeEntry[] entries)
            throws IOException {
        Slices.run(indexes.length, (first, step) -> {
            byte[] buffer = new byte[BUFFER]; // not CrlfSize.of(InputStream): 64 KB a message
            for (int k = first; k < indexes.length; k += step) {
                MessageFile file = files.get(indexes[k]);
                entries[indexes[k]] = new SizeEntry(
                        file.length(), file.modified(), compute(root, file, buffer));
            }
        });
    }

    /** Fills {@code sizes} from {@code entries} and gives the entries to remember. */
    private static Map<String, SizeEntry> remembered(
            List<MessageFile> files, SizeEntry[] entries, long[] sizes) {
        Map<String, SizeEntry> now = new HashMap<>();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null) {
                continue; // size from the name
            }
            sizes[i] = entries[i].size();
            if (entries[i].size() != VANISHED) {
                now.put(files.get(i).name().base(), entries[i]);
            }
        }
        return now;
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
