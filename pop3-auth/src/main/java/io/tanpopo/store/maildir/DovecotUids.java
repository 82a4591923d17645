package io.tanpopo.store.maildir;

import io.tanpopo.store.MessageInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UidlStyle#DOVECOT}: the unique-ids of a listing as Dovecot's POP3 server gives them, in
 * its order (by IMAP UID). Messages that {@code dovecot-uidlist} does not list yet get their UIDs
 * here exactly as Dovecot would give them (the next UIDs, in delivery order, under the list's
 * lock), so that Dovecot, later or at the same time, serves the same unique-ids.
 *
 * <p>No list: one is created as Dovecot would (UIDVALIDITY the current time, a new GUID), so the
 * unique-ids served from then on stay the same when Dovecot serves the maildir later. A list
 * that cannot be used (not a regular file, too big, an unknown header, Dovecot 1's version 1) is
 * never written: its messages keep their listed UIDs and the others get {@link FilenameUidl}s,
 * with a warning. The lock held by someone else: messages not listed yet are left out of this
 * session (they appear at the next login with their final unique-ids), and
 * {@link Assigned#complete()} is false.
 */
final class DovecotUids {

    private static final Path LIST = Path.of(DovecotUidList.NAME);
    private static final Logger LOG = LoggerFactory.getLogger(DovecotUids.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DovecotUids() {}

    /**
     * The outcome.
     *
     * @param uidls base name → unique-id, for the messages Dovecot numbers
     * @param complete false when messages were left out of the listing
     */
    record Assigned(Map<String, String> uidls, boolean complete) {}

    /**
     * Assigns, then sorts {@code listed} in Dovecot's order and drops the messages left out.
     * {@code dir} is the maildir's directory handle ({@code root} names it in the log only): the
     * list is read and written relative to it, never through a link.
     */
    static Assigned assign(
            SecureDirectoryStream<Path> dir,
            Path root,
            List<MaildirScanner.Sized> listed,
            UidlFormat format,
            Clock clock) {
        Found found = read(dir, root);
        boolean complete = true;
        if (found.writable() && !missing(found.list(), listed).isEmpty()) {
            try {
                Optional<Found> updated = update(dir, root, listed, clock);
                complete = updated.isPresent();
                found = updated.orElse(found);
            } catch (IOException e) {
                LOG.warn("Cannot give new messages their UIDs in {}/{}: {}", root, LIST, e.toString());
            }
        }
        Map<String, DovecotUidList.Entry> known =
                found.list().map(DovecotUidList::entries).orElse(Map.of());
        long validity = found.list().map(DovecotUidList::uidValidity).orElse(0L);
        Map<String, String> uidls = new HashMap<>(known.size() * 4 / 3 + 1);
        for (MaildirScanner.Sized sized : listed) {
            String base = sized.file().name().base();
            DovecotUidList.Entry entry = known.get(base);
            String uidl = entry == null ? null : uidl(entry, validity, base, format);
            if (uidl != null) {
                uidls.put(base, uidl);
            }
        }
        if (!complete) {
            LOG.info("{}/{} is locked by another process: new messages are left out of this session", root, LIST);
            listed.removeIf(s -> !known.containsKey(s.file().name().base()));
        }
        listed.sort(Comparator.comparingLong((MaildirScanner.Sized s) -> {
            DovecotUidList.Entry entry = known.get(s.file().name().base());
            return entry == null ? Long.MAX_VALUE : entry.uid(); // not numbered: last, in delivery order
        }));
        return new Assigned(uidls, complete);
    }

    /** Dovecot's {@code pop3_get_uid}: a recorded POP3 UIDL, else the format's; null when invalid. */
    private static String uidl(DovecotUidList.Entry entry, long validity, String base, UidlFormat format) {
        if (entry.pop3Uidl() != null) {
            return entry.pop3Uidl();
        }
        String uidl = format.render(
                new UidlFormat.Values(entry.uid(), validity, base, entry.guid() != null ? entry.guid() : base));
        return MessageInfo.isValidUid(uidl) ? uidl : null;
    }

    /**
     * The list as read, and whether we may write it.
     *
     * @param list empty when there is none or it cannot be used
     * @param writable absent (to be created) or version 3
     */
    private record Found(Optional<DovecotUidList> list, boolean writable) {}

    /** Numbers the messages not yet numbered under the lock; empty when the lock is busy. */
    private static Optional<Found> update(
            SecureDirectoryStream<Path> dir, Path root, List<MaildirScanner.Sized> listed, Clock clock)
            throws IOException {
        Optional<UidListLock> taken = UidListLock.take(dir, root, clock);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        try (UidListLock lock = taken.get()) {
            Found now = read(dir, root); // again, under the lock: others may have numbered some
            if (!now.writable()) {
                return Optional.of(now);
            }
            DovecotUidList list = now.list().orElseGet(() -> created(root, clock));
            byte[] content = list.appended(missing(Optional.of(list), listed));
            lock.replace(content);
            return Optional.of(new Found(DovecotUidList.parse(content), true));
        }
    }

    private static DovecotUidList created(Path root, Clock clock) {
        byte[] guid = new byte[16];
        RANDOM.nextBytes(guid);
        long validity = Math.max(1, clock.instant().getEpochSecond() & DovecotUidList.MAX_UINT);
        LOG.info("Creating {} in {} with UIDVALIDITY {}", LIST, root, validity);
        return DovecotUidList.created(validity, HexFormat.of().formatHex(guid));
    }

    private static Found read(SecureDirectoryStream<Path> dir, Path root) {
        try {
            Optional<byte[]> bytes = SafeFile.readAll(dir, LIST, DovecotUidList.MAX_BYTES);
            if (bytes.isEmpty()) {
                return new Found(Optional.empty(), true);
            }
            Optional<DovecotUidList> list = DovecotUidList.parse(bytes.get());
            if (list.isEmpty()) {
                LOG.warn("Ignoring {}/{}: unknown header; new messages get file-name UIDLs", root, LIST);
            }
            return new Found(list, list.isPresent() && list.get().version() == 3);
        } catch (IOException e) {
            LOG.warn(
                    "Ignoring {}/{}: {}; messages get file-name UIDLs",
                    root,
                    LIST,
                    e instanceof SafeFile.NotRegular ? e.getMessage() : e.toString());
            return new Found(Optional.empty(), false);
        }
    }

    /** The base names of {@code listed} that {@code list} does not number, in delivery order. */
    private static List<String> missing(Optional<DovecotUidList> list, List<MaildirScanner.Sized> listed) {
        Map<String, DovecotUidList.Entry> known =
                list.map(DovecotUidList::entries).orElse(Map.of());
        List<String> names = new ArrayList<>();
        for (MaildirScanner.Sized sized : listed) {
            String base = sized.file().name().base();
            if (!known.containsKey(base)) {
                names.add(base);
            }
        }
        return names;
    }
}
