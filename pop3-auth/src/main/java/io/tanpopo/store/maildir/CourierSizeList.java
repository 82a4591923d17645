package io.tanpopo.store.maildir;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Courier's {@code courierpop3dsizelist} (Courier's {@code pop3dserver.c}, list version 3, 2 also
 * read): a header {@code /3 <next uid> <uidvalidity>}, then per message
 * {@code <file name> <size> <uid>:<uidvalidity>:<utf8>} (version 2 without {@code :<utf8>}), in
 * Courier's order. Courier's POP3 server gives a listed message the unique-id
 * {@code UID<uid>-<uidvalidity>} ({@code UID<uid>} when the UIDVALIDITY is 0) and numbers the
 * messages it does not find here with the next UIDs. Untrusted input: lines Courier would skip
 * are skipped, and overlong ones ({@link BoundedLines}); numbers are bounded.
 *
 * @param nextUid the header's next UID
 * @param uidValidity the header's UIDVALIDITY
 * @param entries {@link #key} of the file name → entry
 */
record CourierSizeList(long nextUid, long uidValidity, Map<String, Entry> entries) {

    static final String NAME = "courierpop3dsizelist";
    static final int VERSION = 3;

    /** One message as Courier recorded it. */
    record Entry(String fileName, long size, long uid, long uidValidity, int utf8) {

        /** Courier's {@code print_uidl}. */
        String uidl() {
            if (uid == 0) {
                return versionZero(fileName);
            }
            return uidValidity != 0 ? "UID" + uid + "-" + uidValidity : "UID" + uid;
        }
    }

    /** The list, or empty when its header is not Courier's version 2 or 3. */
    static Optional<CourierSizeList> parse(byte[] bytes) {
        List<String> lines = BoundedLines.of(bytes, DovecotUidList.MAX_LINE);
        String first = lines.isEmpty() ? "" : lines.get(0);
        String[] header = first.startsWith("/") ? first.substring(1).split(" ") : new String[0];
        if (header.length < 2 || !(header[0].equals("3") || header[0].equals("2"))) {
            return Optional.empty();
        }
        Optional<Long> next = DovecotUidList.unsigned32(header[1]);
        Optional<Long> validity = header.length > 2 ? DovecotUidList.unsigned32(header[2]) : Optional.empty();
        if (next.isEmpty() || (header.length > 2 && validity.isEmpty())) {
            return Optional.empty();
        }
        Map<String, Entry> entries = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            entry(line)
                    .filter(e -> MessageName.parse(e.fileName()).isPresent())
                    .ifPresent(e -> entries.put(key(e.fileName()), e));
        }
        return Optional.of(new CourierSizeList(next.get(), validity.orElse(0L), Map.copyOf(entries)));
    }

    /** {@code <file name> <size> <uid>:<uidvalidity>[:<utf8>]}, split at the last two spaces. */
    private static Optional<Entry> entry(String line) {
        int last = line.lastIndexOf(' ');
        int before = last <= 0 ? -1 : line.lastIndexOf(' ', last - 1);
        if (before <= 0) {
            return Optional.empty();
        }
        String[] ids = line.substring(last + 1).split(":", -1);
        Optional<Long> size = DovecotUidList.unsigned32(line.substring(before + 1, last));
        if (ids.length < 2 || ids.length > 3 || size.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> uid = DovecotUidList.unsigned32(ids[0]);
        Optional<Long> validity = DovecotUidList.unsigned32(ids[1]);
        boolean utf8 = ids.length == 3 && ids[2].equals("1");
        if (uid.isEmpty() || validity.isEmpty() || (ids.length == 3 && !utf8 && !ids[2].equals("0"))) {
            return Optional.empty();
        }
        return Optional.of(new Entry(line.substring(0, before), size.get(), uid.get(), validity.get(), utf8 ? 1 : 0));
    }

    /**
     * Courier's unique-id of a message without a UID: its base name, with octets outside
     * 0x21-0x7E and {@code ' " +} written as {@code +XX}.
     */
    static String versionZero(String fileName) {
        StringBuilder uidl = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == ':') {
                break;
            }
            if (c < 0x21 || c > 0x7E || c == '\'' || c == '"' || c == '+') {
                uidl.append(String.format("+%02X", c));
            } else {
                uidl.append((char) c);
            }
        }
        return uidl.toString();
    }

    /**
     * The name Courier gives the message: at login it moves a message from {@code new/} to
     * {@code cur/}, adding {@code :2,} to a name without {@code :}. The list holds that name.
     */
    static String courierName(MessageFile file) {
        String name = file.name().fileName();
        return file.inNew() && name.indexOf(':') < 0 ? name + ":2," : name;
    }

    /**
     * What Courier matches a listed name by: the name up to and including its first {@code :}
     * (the whole name without one). A listed {@code X} is not the file {@code X:2,} to Courier
     * (its {@code cmpmsgs} stops only where both names have {@code :}).
     */
    static String key(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon + 1);
    }

    /**
     * Courier's {@code cmpmsgs}: the leading number of the name, then the characters up to the
     * first place where both names have {@code :}; a name that ends sorts first.
     */
    static int compare(String a, String b) {
        int byTime = Long.compare(leadingNumber(a), leadingNumber(b));
        if (byTime != 0) {
            return byTime;
        }
        for (int i = 0; i < a.length() || i < b.length(); i++) {
            char ca = i < a.length() ? a.charAt(i) : 0;
            char cb = i < b.length() ? b.charAt(i) : 0;
            if (ca == ':' && cb == ':') {
                return 0;
            }
            if (ca != cb) {
                return Character.compare(ca, cb);
            }
        }
        return 0;
    }

    private static long leadingNumber(String name) {
        long n = 0;
        for (int i = 0; i < name.length() && i < 18 && name.charAt(i) >= '0' && name.charAt(i) <= '9'; i++) {
            n = n * 10 + name.charAt(i) - '0';
        }
        return n;
    }
}
