package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the messages of a maildir: regular files in {@code cur/} and {@code new/} with acceptable
 * names ({@link MessageName#parse}); {@code tmp/} is never looked at (cr.yp.to/proto/maildir.html:
 * a reader "looks through the new and cur directories").
 *
 * <p>The directories are those of the open {@link MaildirHandles}, whatever their names
 * lead to by now. Symbolic links are ignored, not followed: a link could point anywhere outside the maildir
 * (another user's mail, {@code /etc/shadow}), and no deliverer creates them. {@code cur/} is read
 * before {@code new/}: a message that another process moves from {@code new/} to {@code cur/}
 * during the listing is then missed for one session at worst, never listed twice.
 *
 * <p>A listing learns each message's size in the same pass, while its directory is open and its
 * {@code lstat} just done (see {@link Sizer}): a first login reads every message, and one pass over
 * the files with relative system calls costs less than two.
 */
final class MaildirScanner {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirScanner.class);

    /** A listed message and the size its {@link Sizer} gave. */
    record Sized(MessageFile file, long size) {

        /** {@link MessageFile#ORDER}, without the extra calls of {@code Comparator.comparing}. */
        static final Comparator<Sized> ORDER = (a, b) -> MessageFile.compareOrder(a.file, b.file);
    }

    /** Gives the size of each listed message, from several threads at once. */
    @FunctionalInterface
    interface Sizer {
        /** The size of {@code file}, found as {@code name} in the open {@code dir}. */
        long size(MessageFile file, MessageDirectory dir, Path name) throws IOException;
    }

    /** All messages with their sizes, sorted by {@link MessageFile#ORDER}, one per base name. */
    List<Sized> scan(MaildirHandles maildir, Sizer sizer) throws IOException {
        return ordered(maildir, list(maildir, sizer));
    }

    /** All messages with their sizes as found: {@code cur/} then {@code new/}, in directory order. */
    List<Sized> list(MaildirHandles maildir, Sizer sizer) throws IOException {
        List<Sized> found = new ArrayList<>();
        list(maildir, false, sizer, found);
        list(maildir, true, sizer, found);
        return found;
    }

    /**
     * A new list of {@code found} sorted by {@link MessageFile#ORDER}, one per base name: of
     * several files with one base name, the first found ({@code cur/} first, then directory
     * order). The order compares base names last, so such files end up next to each other, in
     * the order found (the sort is stable): no map by base name is needed to find them.
     */
    List<Sized> ordered(MaildirHandles maildir, List<Sized> found) {
        Sized[] all = found.toArray(new Sized[0]);
        ParallelWork.sort(all, Sized.ORDER);
        List<Sized> files = new ArrayList<>(all.length);
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || !sameBase(maildir, all[i - 1], all[i])) {
                files.add(all[i]);
            }
        }
        return files;
    }

    /** Whether {@code b}, sorted right after {@code a}, has its base name (and is left out). */
    private static boolean sameBase(MaildirHandles maildir, Sized a, Sized b) {
        if (!a.file().name().base().equals(b.file().name().base())) {
            return false;
        }
        LOG.warn(
                "Ignoring {}: another file in {} has its base name",
                maildir.describe(b.file().inNew(), b.file().name().fileName()),
                maildir.path());
        return true;
    }

    /** Finds a message by base name now, wherever it moved since the snapshot. */
    Optional<MessageFile> find(MaildirHandles maildir, String base) throws IOException {
        for (boolean inNew : new boolean[] {false, true}) {
            try (MessageDirectory dir = MessageDirectory.open(maildir.dir(inNew))) {
                for (Path name : dir.names()) {
                    Optional<MessageName> parsed = MessageName.parse(name.toString());
                    if (parsed.isPresent() && parsed.get().base().equals(base)) {
                        MessageFile file = file(dir, name, parsed.get(), inNew);
                        if (file != null) {
                            return Optional.of(file);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void list(MaildirHandles maildir, boolean inNew, Sizer sizer, List<Sized> into) throws IOException {
        try (MessageDirectory dir = MessageDirectory.open(maildir.dir(inNew))) {
            List<Path> names = dir.names();
            Sized[] found = new Sized[names.size()];
            ParallelWork.run(found.length, (from, to) -> { // system calls per entry: overlapped when many
                for (int i = from; i < to; i++) {
                    found[i] = message(dir, names.get(i), inNew, sizer);
                }
            });
            for (Sized sized : found) {
                if (sized != null) {
                    into.add(sized);
                }
            }
        }
    }

    /** The message at {@code name}, or null for a name or file that is not a message. */
    private static Sized message(MessageDirectory dir, Path name, boolean inNew, Sizer sizer) throws IOException {
        Optional<MessageName> parsed = MessageName.parse(name.toString());
        if (parsed.isEmpty()) {
            return null;
        }
        MessageFile file = file(dir, name, parsed.get(), inNew);
        return file == null ? null : new Sized(file, sizer.size(file, dir, name));
    }

    /** The regular file {@code name}, or null when it is something else or gone. */
    private static MessageFile file(MessageDirectory dir, Path name, MessageName parsed, boolean inNew)
            throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = dir.attributes(name);
        } catch (NoSuchFileException gone) {
            return null; // renamed or deleted by another process meanwhile
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        return new MessageFile(
                inNew, parsed, attributes.size(), attributes.lastModifiedTime().toMillis());
    }
}
