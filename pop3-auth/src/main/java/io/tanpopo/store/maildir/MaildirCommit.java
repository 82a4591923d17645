package io.tanpopo.store.maildir;

import io.tanpopo.store.CommitResult;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UPDATE state (RFC 1939 §6) done like qmail-pop3d: each message marked deleted is unlinked;
 * every other message in {@code new/} is renamed to {@code cur/<base>:2,<flags>}, and with
 * {@code markSeen} a retrieved message gets the {@code S} flag (also in {@code cur/}). Every step
 * is one unlink or one rename(2) of one file, so a crash at any point leaves each message that
 * was not deleted under exactly one name. Messages renamed by others since the snapshot are found
 * again by base name; messages delivered since are never touched.
 *
 * <p>The maildir is reopened for the commit ({@link MaildirHandles#reopen}): when it is no longer
 * the one of the login, nothing is done and the result is {@link CommitResult.Failed}. A step
 * that fails does not stop the others; the result is then {@link CommitResult.Failed}.
 */
final class MaildirCommit {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirCommit.class);

    private final MaildirHandles.Place place;
    private final MaildirScanner scanner;
    private final FileOps ops;
    private final boolean markSeen;
    private final Runnable changed;

    /** {@code changed} runs after a commit that touched files, even one that failed half way. */
    MaildirCommit(MaildirHandles.Place place, MaildirScanner scanner, FileOps ops, boolean markSeen, Runnable changed) {
        this.place = place;
        this.scanner = scanner;
        this.ops = ops;
        this.markSeen = markSeen;
        this.changed = changed;
    }

    /**
     * Deletes and renames what the session asks for. {@code inPlace}: every file of {@code files}
     * is {@linkplain MessageFile#inPlace in place}, so that only a message marked seen now can need
     * a new name (a QUIT after reading nothing then looks at no message).
     */
    CommitResult run(List<MessageFile> files, boolean inPlace, BitSet deleted, BitSet retrieved) {
        if (deleted.isEmpty() && nothingToRename(files, inPlace, retrieved)) {
            return new CommitResult.Committed(0); // most sessions: no list, no log, no file touched
        }
        try (MaildirHandles maildir = MaildirHandles.reopen(place)) {
            return applyAll(maildir, files, deleted, retrieved);
        } catch (IOException e) {
            LOG.warn("Commit in {} not done: {}", place.path(), e.toString());
            return new CommitResult.Failed("maildir " + place.path() + " not updated: " + e);
        } finally {
            changed.run();
        }
    }

    private CommitResult applyAll(MaildirHandles maildir, List<MessageFile> files, BitSet deleted, BitSet retrieved) {
        List<String> failures = new ArrayList<>();
        int removed = 0;
        for (int i = 0; i < files.size(); i++) {
            boolean delete = deleted.get(i);
            try {
                if (apply(maildir, files.get(i), delete, flags(retrieved, i)) && delete) {
                    removed++;
                }
            } catch (IOException e) {
                failures.add(files.get(i).name().base() + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            LOG.warn("Commit in {} incomplete: {}", maildir.path(), failures);
            return new CommitResult.Failed(failures.size() + " of " + files.size() + " messages not updated in "
                    + maildir.path() + ", first: " + failures.get(0));
        }
        return new CommitResult.Committed(removed);
    }

    private boolean nothingToRename(List<MessageFile> files, boolean inPlace, BitSet retrieved) {
        if (inPlace) {
            BitSet marked = markSeen ? retrieved : new BitSet();
            for (int i = marked.nextSetBit(0); i >= 0; i = marked.nextSetBit(i + 1)) {
                if (renameTo(files.get(i), "S") != null) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < files.size(); i++) {
            if (renameTo(files.get(i), flags(retrieved, i)) != null) {
                return false;
            }
        }
        return true;
    }

    private String flags(BitSet retrieved, int index) {
        return markSeen && retrieved.get(index) ? "S" : "";
    }

    /** The name in cur/ that a kept message must get, or null when it is in cur/ with its flags. */
    private static String renameTo(MessageFile file, String flags) {
        String target = file.name().withFlags(flags);
        return file.inNew() || !target.equals(file.name().fileName()) ? target : null;
    }

    /** Applies one message's change; false when the message is gone (deleted by another). */
    private boolean apply(MaildirHandles maildir, MessageFile file, boolean delete, String flags) throws IOException {
        if (!delete && renameTo(file, flags) == null) {
            return true; // no need to look
        }
        try {
            change(maildir, file, delete, flags);
            return true;
        } catch (NoSuchFileException moved) {
            Optional<MessageFile> now = scanner.find(maildir, file.name().base());
            if (now.isEmpty()) {
                LOG.info(
                        "Message {} in {} vanished before the commit",
                        file.name().base(),
                        maildir.path());
                return false;
            }
            change(maildir, now.get(), delete, flags);
            return true;
        }
    }

    /** Unlinks or renames relative to the reopened directories (those of the login), never by path. */
    private void change(MaildirHandles maildir, MessageFile file, boolean delete, String flags) throws IOException {
        Path name = Path.of(file.name().fileName());
        if (delete) {
            ops.delete(maildir.dir(file.inNew()), name);
            return;
        }
        String target = renameTo(file, flags);
        if (target != null) {
            ops.move(maildir.dir(file.inNew()), name, maildir.cur(), Path.of(target));
        }
    }
}
