package io.tanpopo.store.maildir;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRLF sizes that one listing of a maildir found, for the next listing to look up by base
 * name. The map is built at the first look-up, not with the listing: most later logins reuse the
 * whole listing while the directories are unchanged (see {@link ListingStamp}) and never look,
 * and the first login on a big maildir need not pay for a map of every message. Thread-safe.
 */
final class KnownSizes {

    private final List<MaildirScanner.Sized> listed;
    private Map<String, SizeEntry> byBase;

    /** Over {@code listed} (as found, or ordered), which the caller no longer changes. */
    KnownSizes(List<MaildirScanner.Sized> listed) {
        this.listed = Collections.unmodifiableList(listed);
    }

    /** Whether a size is worth remembering: not from the name ({@code ,W=}), not vanished. */
    static boolean remembered(MaildirScanner.Sized sized) {
        return sized.size() != MessageSizes.VANISHED
                && sized.file().name().wireSize().isEmpty();
    }

    /** At most this many sizes. */
    int count() {
        return listed.size();
    }

    /** Base name → remembered size. */
    synchronized Map<String, SizeEntry> byBase() {
        if (byBase == null) {
            Map<String, SizeEntry> map = new HashMap<>(listed.size() * 4 / 3 + 1);
            for (MaildirScanner.Sized sized : listed) {
                if (remembered(sized)) {
                    MessageFile file = sized.file();
                    map.put(file.name().base(), new SizeEntry(file.length(), file.modified(), sized.size()));
                }
            }
            byBase = Collections.unmodifiableMap(map);
        }
        return byBase;
    }
}
