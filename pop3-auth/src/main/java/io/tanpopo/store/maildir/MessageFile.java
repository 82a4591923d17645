package io.tanpopo.store.maildir;

import java.util.Comparator;

/**
 * A message file as the snapshot found it.
 *
 * @param inNew whether it was in {@code new/} (else {@code cur/})
 * @param length its length in bytes on disk, for the size cache key
 * @param modified its modification time in milliseconds, for the size cache key
 * @param inPlace whether it is in {@code cur/} under the name a commit that adds no flag gives it
 *     (then a QUIT that deletes nothing and marks nothing leaves it alone)
 */
record MessageFile(boolean inNew, MessageName name, long length, long modified, boolean inPlace) {

    /**
     * As listed; whether it is {@link #inPlace} is found out here, once, in the listing's threads,
     * rather than for every message at every QUIT.
     */
    MessageFile(boolean inNew, MessageName name, long length, long modified) {
        this(inNew, name, length, modified, !inNew && name.withFlags("").equals(name.fileName()));
    }

    /**
     * Message order: delivery time from the name, then its microseconds (Courier and Dovecot
     * names), then base name. qmail-pop3d sorts by mtime;
     * the name's time is the delivery time too but, unlike mtime, cannot be changed by a
     * {@code touch}, so numbering is stable across sessions.
     */
    static final Comparator<MessageFile> ORDER = MessageFile::compareOrder;

    static int compareOrder(MessageFile a, MessageFile b) {
        MessageName x = a.name;
        MessageName y = b.name;
        int byTime = Long.compare(x.deliveryTime(), y.deliveryTime());
        if (byTime != 0) {
            return byTime;
        }
        int byMicros = Long.compare(x.microseconds(), y.microseconds());
        return byMicros != 0 ? byMicros : x.base().compareTo(y.base());
    }
}
