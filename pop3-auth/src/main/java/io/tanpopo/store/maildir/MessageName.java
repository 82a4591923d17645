package io.tanpopo.store.maildir;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A maildir message file name (cr.yp.to/proto/maildir.html, Courier maildir(5)): the unique base
 * name, then optionally {@code :} and the info, {@code 2,} followed by the flags in ASCII order.
 * Courier and Dovecot put {@code ,S=<size>} and {@code ,W=<CRLF size>} into the base name.
 *
 * @param fileName the whole name as found in {@code new/} or {@code cur/}
 * @param base the part before the first {@code :}, which never changes while the file lives
 * @param deliveryTime the leading decimal digits of the base name (the {@code time} of
 *     {@code time.unique.host}), or {@link Long#MAX_VALUE} for a name without one, which sorts last
 * @param microseconds the microseconds of a Dovecot or Courier name
 *     ({@code time.M<usec>P<pid>...}), which order deliveries within one second, or 0
 */
record MessageName(String fileName, String base, long deliveryTime, long microseconds) {

    private static final int MAX_NAME = 255;
    private static final int MAX_DIGITS = 18;

    /**
     * Parses a directory entry, or gives empty for anything that is not a message: dot files
     * (Dovecot and our own bookkeeping live next to messages in some setups), names with
     * control characters or {@code /}, names that were not valid in the platform encoding, and
     * names longer than a file name can be.
     */
    static Optional<MessageName> parse(String fileName) {
        if (fileName.isEmpty() || fileName.length() > MAX_NAME || fileName.charAt(0) == '.') {
            return Optional.empty();
        }
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '/' || c == '\uFFFD') {
                return Optional.empty();
            }
        }
        int colon = fileName.indexOf(':');
        String base = colon < 0 ? fileName : fileName.substring(0, colon);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        // Parsed once here, not in the sort's comparator (n log n parses for a big maildir).
        return Optional.of(new MessageName(fileName, base, deliveryTime(base), microseconds(base)));
    }

    /** The flags of a {@code :2,} info, or empty. */
    String flags() {
        int colon = fileName.indexOf(':');
        if (colon < 0 || !fileName.startsWith("2,", colon + 1)) {
            return "";
        }
        return fileName.substring(colon + 3);
    }

    /** Whether the info is absent or the standard {@code 2,} kind, which we know how to rewrite. */
    boolean hasStandardInfo() {
        int colon = fileName.indexOf(':');
        return colon < 0 || fileName.startsWith("2,", colon + 1);
    }

    /** The name in {@code cur/} with {@code extra} flags added, flags sorted and unique. */
    String withFlags(String extra) {
        if (!hasStandardInfo()) {
            return fileName;
        }
        int flagsAt = base.length() + 3; // after ":2,"
        if (fileName.length() > base.length()
                && isSortedUnique(fileName, flagsAt)
                && containsAll(fileName, flagsAt, extra)) {
            return fileName; // the usual case at QUIT: nothing to rename, nothing to allocate
        }
        char[] all = (flags() + extra).toCharArray();
        Arrays.sort(all);
        StringBuilder name =
                new StringBuilder(base.length() + 3 + all.length).append(base).append(":2,");
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                name.append(all[i]);
            }
        }
        return name.toString();
    }

    /** Whether the characters of {@code name} from {@code from} on are sorted and unique. */
    private static boolean isSortedUnique(String name, int from) {
        for (int i = from + 1; i < name.length(); i++) {
            if (name.charAt(i - 1) >= name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAll(String name, int from, String extra) {
        for (int i = 0; i < extra.length(); i++) {
            if (name.indexOf(extra.charAt(i), from) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The {@code ,W=} CRLF size from the base name (Courier maildir(5)), when present. */
    OptionalLong wireSize() {
        int at = base.indexOf(",W=");
        if (at < 0) {
            return OptionalLong.empty();
        }
        int start = at + 3;
        int end = start;
        while (end < base.length() && end - start <= MAX_DIGITS && isDigit(base.charAt(end))) {
            end++;
        }
        boolean terminated = end == base.length() || base.charAt(end) == ',';
        if (end == start || end - start > MAX_DIGITS || !terminated) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(base, start, end, 10));
    }

    private static long deliveryTime(String base) {
        int end = 0;
        while (end < base.length() && end < MAX_DIGITS && isDigit(base.charAt(end))) {
            end++;
        }
        return end == 0 ? Long.MAX_VALUE : Long.parseLong(base, 0, end, 10); // no substring: once per message
    }

    private static long microseconds(String base) {
        int dot = base.indexOf('.');
        if (dot < 0 || !base.startsWith("M", dot + 1)) {
            return 0;
        }
        int start = dot + 2;
        int end = start;
        while (end < base.length() && end - start < 9 && isDigit(base.charAt(end))) {
            end++;
        }
        return end == start ? 0 : Long.parseLong(base, start, end, 10);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
