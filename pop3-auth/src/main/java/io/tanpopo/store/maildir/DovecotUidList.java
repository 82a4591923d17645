package io.tanpopo.store.maildir;

import io.tanpopo.store.MessageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads (never writes) Dovecot's {@code dovecot-uidlist} (doc.dovecot.org, "Maildir Mailbox
 * Format"): a header {@code 3 V<uidvalidity> N<nextuid> G<guid>} (version 1, Courier's,
 * {@code 1 <uidvalidity> <nextuid>}), then per message {@code <uid> [extensions] :<file name>}
 * (version 1: {@code <uid> <file name>}). Gives each known base name the UIDL Dovecot's POP3
 * server would give with its default {@code pop3_uidl_format = %08Xu%08Xv}, or the {@code P}
 * extension's recorded POP3 UIDL when there is one (Dovecot's {@code pop3_get_uid} prefers it).
 *
 * <p>The file is untrusted input: read relative to the maildir's handle only when it is a regular
 * file ({@link SafeFile}), never beyond {@value #MAX_BYTES} bytes; with an unknown header it is
 * ignored (with a warning); malformed and overlong lines are skipped.
 */
final class DovecotUidList {

    static final String NAME = "dovecot-uidlist";
    private static final long MAX_BYTES = 64L << 20;
    /** Extensions, a GUID, a POP3 UIDL and a file name of at most 255 bytes, with room to spare. */
    private static final int MAX_LINE = 4096;
    private static final long MAX_UINT = 0xFFFF_FFFFL;
    private static final Logger LOG = LoggerFactory.getLogger(DovecotUidList.class);

    private DovecotUidList() {
    }

    /** A message's IMAP UID and the POP3 UIDL Dovecot gives it. */
    record Entry(long uid, String uidl) {
    }

    /** Base name → entry for the messages in the root's uidlist; empty when there is none. */
    static Map<String, Entry> read(SecureDirectoryStream<Path> root) {
        Path file = Path.of(NAME);
        Map<String, Entry> uidls = new HashMap<>();
        try {
            Optional<FileChannel> opened = SafeFile.open(root, file);
            if (opened.isEmpty()) {
                return uidls;
            }
            try (FileChannel channel = opened.get(); InputStream bounded = SafeFile.bounded(channel, MAX_BYTES)) {
                if (channel.size() > MAX_BYTES) {
                    LOG.warn("Ignoring {}: larger than {} bytes", NAME, MAX_BYTES);
                    return uidls;
                }
                BoundedLines in = new BoundedLines(bounded, MAX_LINE);
                String header = in.next();
                Optional<Long> validity = header == null ? Optional.empty() : uidValidity(header);
                if (validity.isEmpty()) {
                    LOG.warn("Ignoring {}: unknown header {}", file, header);
                    return uidls;
                }
                boolean v3 = header.startsWith("3 ");
                for (String line; (line = in.next()) != null; ) {
                    parse(line, v3, validity.get(), uidls);
                }
            }
        } catch (IOException e) {
            LOG.warn("Ignoring the rest of {}: {}", file, e.toString());
        }
        return uidls;
    }

    static Optional<Long> uidValidity(String header) {
        String[] fields = header.split(" ");
        if (fields.length == 0) {
            return Optional.empty(); // a header of spaces only: split gives no fields at all
        }
        if (fields[0].equals("1") && fields.length >= 3) {
            return unsigned32(fields[1]);
        }
        if (fields[0].equals("3")) {
            for (String field : fields) {
                if (field.startsWith("V")) {
                    return unsigned32(field.substring(1));
                }
            }
        }
        return Optional.empty();
    }

    private static void parse(String line, boolean v3, long validity, Map<String, Entry> uidls) {
        int space = line.indexOf(' ');
        Optional<Long> uid = space < 0 ? Optional.empty() : unsigned32(line.substring(0, space));
        if (uid.isEmpty() || uid.get() == 0) {
            return;
        }
        String rest = line.substring(space + 1);
        String extensions = "";
        String fileName = rest;
        if (v3) {
            int colon = rest.startsWith(":") ? 0 : rest.indexOf(" :") + 1;
            if (colon <= 0 && !rest.startsWith(":")) {
                return;
            }
            extensions = rest.substring(0, colon);
            fileName = rest.substring(colon + 1);
        }
        Optional<MessageName> name = MessageName.parse(fileName);
        if (name.isEmpty()) {
            return;
        }
        String pop3 = pop3Uidl(extensions);
        uidls.put(name.get().base(), new Entry(uid.get(), pop3 != null ? pop3
                : String.format(Locale.ROOT, "%08X%08X", uid.get(), validity)));
    }

    /** The {@code P} extension's value when it is a valid unique-id. */
    private static String pop3Uidl(String extensions) {
        for (String ext : extensions.split(" ")) {
            if (ext.startsWith("P") && MessageInfo.isValidUid(ext.substring(1))) {
                return ext.substring(1);
            }
        }
        return null;
    }

    private static Optional<Long> unsigned32(String digits) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long value = Long.parseLong(digits);
        return value <= MAX_UINT ? Optional.of(value) : Optional.empty();
    }
}
