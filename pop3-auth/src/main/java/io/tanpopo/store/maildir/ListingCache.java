package io.tanpopo.store.maildir;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The listings of recent maildirs, kept across the sessions of one process: the sizes
 * computed (so that a repeated login reads neither messages nor the cache file) and the last
 * settled listing with its {@link ListingStamp} (so that a login to an unchanged maildir reads
 * neither directory). Bounded by the total number of messages remembered (a maildir's sizes and
 * its listing share their name strings and count once, by the larger); the least recently opened
 * maildirs are forgotten first. Maildirs are known by the device and inode of their root
 * ({@link MaildirHandles#key}). Thread-safe.
 */
final class ListingCache {

    /** A snapshot and the stamp of the directories taken just before it was listed. */
    record Listing(ListingStamp stamp, MaildirMaildrop.Snapshot snapshot) {}

    private record Slot(KnownSizes sizes, Listing listing) {
        int weight() {
            return Math.max(
                    sizes.count(),
                    listing == null ? 0 : listing.snapshot().files().size());
        }
    }

    private final int maxEntries;
    private final LinkedHashMap<Object, Slot> maildirs = new LinkedHashMap<>(16, 0.75f, true);
    private long total;

    ListingCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    synchronized Optional<KnownSizes> sizes(Object root) {
        Slot slot = maildirs.get(root);
        return slot == null ? Optional.empty() : Optional.of(slot.sizes());
    }

    /**
     * Remembers {@code sizes} for {@code root} and forgets its listing, evicting others to stay
     * in bounds.
     */
    synchronized void putSizes(Object root, KnownSizes sizes) {
        replace(root, new Slot(sizes, null));
    }

    /** The remembered listing of {@code root} when {@code now} saw the same files, else empty. */
    synchronized Optional<MaildirMaildrop.Snapshot> listing(Object root, ListingStamp now) {
        Slot slot = maildirs.get(root);
        if (slot == null || slot.listing() == null || !slot.listing().stamp().sameFiles(now)) {
            return Optional.empty();
        }
        return Optional.of(slot.listing().snapshot());
    }

    /** Remembers a settled listing beside the sizes put for {@code root}; else does nothing. */
    synchronized void putListing(Object root, Listing listing) {
        Slot slot = maildirs.get(root);
        if (slot != null && listing.stamp().settled()) {
            replace(root, new Slot(slot.sizes(), listing));
        }
    }

    /** Forgets the listing of {@code root}, after this process changed the maildir. */
    synchronized void forgetListing(Object root) {
        Slot slot = maildirs.get(root);
        if (slot != null && slot.listing() != null) {
            replace(root, new Slot(slot.sizes(), null));
        }
    }

    private void replace(Object root, Slot slot) {
        Slot old = maildirs.remove(root);
        if (old != null) {
            total -= old.weight();
        }
        if (slot.weight() > maxEntries) {
            return;
        }
        maildirs.put(root, slot);
        total += slot.weight();
        Iterator<Slot> eldest = maildirs.values().iterator();
        while (total > maxEntries && eldest.hasNext()) {
            total -= eldest.next().weight();
            eldest.remove();
        }
    }
}
