package io.tanpopo.store.maildir;

import io.tanpopo.store.MessageInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dovecot's {@code dovecot-uidlist} (doc.dovecot.org, "Maildir Mailbox Format"): a header
 * {@code 3 V<uidvalidity> N<nextuid> G<guid>} (version 1, Courier's: {@code 1 <uidvalidity>
 * <nextuid>}), then per message, in ascending UID order, {@code <uid> [extensions] :<file name>}
 * (version 1: {@code <uid> <file name>}). The {@code P} extension is a POP3 UIDL recorded for the
 * message (Dovecot's {@code pop3_get_uid} prefers it), {@code G} its GUID.
 *
 * <p>The file is untrusted input: it is read relative to the maildir's handle only when it is a
 * regular file, never beyond {@value #MAX_BYTES} bytes ({@link SafeFile#readAll}); a file with an
 * unknown header gives nothing; malformed and overlong lines (over {@value #MAX_LINE} bytes) are
 * skipped when read and kept byte for byte when new lines are appended (see {@link #appended}).
 *
 * @param bytes the file as read
 * @param version 1 or 3
 * @param uidValidity the UIDVALIDITY
 * @param nextUid the next UID to give: the header's, or one more than the largest UID listed
 * @param entries base name → entry
 */
record DovecotUidList(byte[] bytes, int version, long uidValidity, long nextUid, Map<String, Entry> entries) {

    static final String NAME = "dovecot-uidlist";
    static final int MAX_BYTES = 64 << 20;
    /** Extensions, a GUID, a POP3 UIDL and a file name of at most 255 bytes, with room to spare. */
    static final int MAX_LINE = 4096;

    static final long MAX_UINT = 0xFFFF_FFFFL;

    /**
     * One message.
     *
     * @param uid its IMAP UID
     * @param pop3Uidl the {@code P} extension when it is a valid unique-id, else null
     * @param guid the {@code G} extension, else null
     */
    record Entry(long uid, String pop3Uidl, String guid) {}

    /** Parses the file; empty when its header is not one Dovecot writes. */
    static Optional<DovecotUidList> parse(byte[] bytes) {
        List<String> lines = BoundedLines.of(bytes, MAX_LINE);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String header = lines.get(0);
        Optional<Long> validity = uidValidity(header);
        if (validity.isEmpty()) {
            return Optional.empty();
        }
        boolean v3 = header.startsWith("3 ");
        Map<String, Entry> entries = new HashMap<>(lines.size() * 4 / 3 + 1);
        long maxUid = 0;
        for (String line : lines.subList(1, lines.size())) {
            maxUid = Math.max(maxUid, parse(line, v3, entries));
        }
        long next = Math.max(headerNextUid(header, v3).orElse(0L), maxUid + 1);
        return Optional.of(new DovecotUidList(bytes, v3 ? 3 : 1, validity.get(), next, Map.copyOf(entries)));
    }

    /** A new empty list as Dovecot creates it: UIDVALIDITY, next UID 1, a mailbox GUID. */
    static DovecotUidList created(long uidValidity, String guid) {
        String header = "3 V" + uidValidity + " N1 G" + guid + "\n";
        return new DovecotUidList(header.getBytes(StandardCharsets.US_ASCII), 3, uidValidity, 1, Map.of());
    }

    static Optional<Long> uidValidity(String header) {
        String[] fields = header.split(" ");
        if (fields.length == 0) {
            return Optional.empty(); // a header of spaces only: split gives no fields at all
        }
        if (fields[0].equals("1") && fields.length >= 3) {
            return unsigned32(fields[1]).filter(v -> v > 0);
        }
        if (fields[0].equals("3")) {
            for (String field : fields) {
                if (field.startsWith("V")) {
                    return unsigned32(field.substring(1)).filter(v -> v > 0);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> headerNextUid(String header, boolean v3) {
        String[] fields = header.split(" ");
        if (!v3) {
            return unsigned32(fields[2]);
        }
        for (String field : fields) {
            if (field.startsWith("N")) {
                return unsigned32(field.substring(1));
            }
        }
        return Optional.empty();
    }

    /** Adds the line's entry; gives its UID, or 0 for a line that is not one. */
    private static long parse(String line, boolean v3, Map<String, Entry> entries) {
        int space = line.indexOf(' ');
        Optional<Long> uid = space < 0 ? Optional.empty() : unsigned32(line.substring(0, space));
        if (uid.isEmpty() || uid.get() == 0) {
            return 0;
        }
        String rest = line.substring(space + 1);
        String extensions = "";
        String fileName = rest;
        if (v3) {
            int colon = rest.startsWith(":") ? 0 : rest.indexOf(" :") + 1;
            if (colon <= 0 && !rest.startsWith(":")) {
                return 0;
            }
            extensions = rest.substring(0, colon);
            fileName = rest.substring(colon + 1);
        }
        Optional<MessageName> name = MessageName.parse(fileName);
        if (name.isEmpty()) {
            return 0;
        }
        entries.put(
                name.get().base(),
                new Entry(uid.get(), extension(extensions, 'P', true), extension(extensions, 'G', false)));
        return uid.get();
    }

    private static String extension(String extensions, char key, boolean mustBeUid) {
        for (String ext : extensions.split(" ")) {
            if (ext.length() > 1 && ext.charAt(0) == key && (!mustBeUid || MessageInfo.isValidUid(ext.substring(1)))) {
                return ext.substring(1);
            }
        }
        return null;
    }

    /**
     * This file with {@code names} appended under the next UIDs, in the given order, and the
     * header's {@code N} raised past them, as Dovecot writes it: every other byte as it was (the
     * header's other fields, the lines of messages already listed, whatever they are).
     */
    byte[] appended(List<String> names) {
        int end = indexOf(bytes, (byte) '\n');
        String header = new String(bytes, 0, end < 0 ? bytes.length : end, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + names.size() * 64);
        out.writeBytes(withNextUid(header, nextUid + names.size()).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        if (end >= 0 && end + 1 < bytes.length) {
            out.write(bytes, end + 1, bytes.length - end - 1);
            if (bytes[bytes.length - 1] != '\n') {
                out.write('\n');
            }
        }
        long uid = nextUid;
        for (String name : names) {
            out.writeBytes((uid++ + " :" + name + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String withNextUid(String header, long next) {
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (String field : header.split(" ")) {
            if (field.startsWith("N") && !replaced) {
                field = "N" + next;
                replaced = true;
            }
            out.append(out.length() == 0 ? "" : " ").append(field);
        }
        return replaced ? out.toString() : out + " N" + next;
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static Optional<Long> unsigned32(String digits) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long value = Long.parseLong(digits);
        return value <= MAX_UINT ? Optional.of(value) : Optional.empty();
    }
}
