package io.tanpopo.store.maildir;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sizes computed for recent maildirs, kept across sessions of one process so that a
 * repeated login reads neither messages nor the cache file. Bounded by the total number of
 * entries; the least recently opened maildirs are forgotten first. Thread-safe.
 */
final class SizeMemory {

    private final int maxEntries;
    private final LinkedHashMap<Path, Map<String, SizeEntry>> maildirs =
            new LinkedHashMap<>(16, 0.75f, true);
    private long total;

    SizeMemory(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    synchronized Optional<Map<String, SizeEntry>> get(Path root) {
        return Optional.ofNullable(maildirs.get(root));
    }

    /**
     * Remembers {@code entries} for {@code root}, evicting others to stay in bounds. The map is
     * kept, not copied (a copy of 100,000 entries per login showed in profiles): the caller builds
     * it for this call and must not change it afterwards; readers get an unmodifiable view.
     */
    synchronized void put(Path root, Map<String, SizeEntry> entries) {
        Map<String, SizeEntry> old = maildirs.remove(root);
        if (old != null) {
            total -= old.size();
        }
        if (entries.size() > maxEntries) {
            return;
        }
        maildirs.put(root, Collections.unmodifiableMap(entries));
        total += entries.size();
        Iterator<Map<String, SizeEntry>> eldest = maildirs.values().iterator();
        while (total > maxEntries && eldest.hasNext()) {
            total -= eldest.next().size();
            eldest.remove();
        }
    }
}
