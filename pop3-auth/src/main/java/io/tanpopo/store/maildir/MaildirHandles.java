package io.tanpopo.store.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A maildir opened: handles on its root, {@code cur/} and {@code new/}. Everything the store does
 * in the maildir is relative to them ({@code openat}, {@code fstatat}, {@code renameat},
 * {@code unlinkat}), so no name is looked up twice. {@code tmp/} is opened only to write Courier's
 * list there ({@link SafeDirectory#open}), and closed at once.
 *
 * <p>A session holds no handle while it waits for the client (an idle session costs no file
 * descriptor: 10,000 idle sessions must fit in a process): the login opens the maildir, remembers
 * its {@link Place} (the device and inode of the three directories) and closes it; RETR and QUIT
 * {@linkplain #reopen reopen} it and go on only when the same three directories are found. A user
 * who swaps a directory for a link after login (say {@code mv cur c2; ln -s /etc cur}) gets
 * refusals, and nothing outside the maildir of the login is ever read, unlinked or written.
 *
 * <p>Each directory is opened as a {@link SafeDirectory}: without following a link, without
 * blocking on a FIFO, and only when what was opened has the device and inode its {@code lstat}
 * showed. The maildir's own entry may be a link only when the operator allows it
 * ({@code followRootSymlink}); the directories above it belong to the operator and may be links.
 */
final class MaildirHandles implements Closeable {

    private final Place place;
    private final SecureDirectoryStream<Path> root;
    private final SecureDirectoryStream<Path> cur;
    private final SecureDirectoryStream<Path> inNew;

    private MaildirHandles(
            Place place,
            SecureDirectoryStream<Path> root,
            SecureDirectoryStream<Path> cur,
            SecureDirectoryStream<Path> inNew) {
        this.place = place;
        this.root = root;
        this.cur = cur;
        this.inNew = inNew;
    }

    /**
     * Where a maildir was found: its path and the identities (device and inode) of its root,
     * {@code cur/} and {@code new/} as opened.
     */
    record Place(Path path, boolean followRootSymlink, Object root, Object cur, Object inNew) {}

    /** The maildir of {@code place} was replaced since it was opened; nothing was done in it. */
    static final class Replaced extends IOException {
        private static final long serialVersionUID = 1L;

        Replaced(String message) {
            super(message);
        }
    }

    /**
     * Opens the maildir at {@code path} (absolute, normalized).
     *
     * @throws OpenRefusal when it is missing, a link not to be followed, or not a maildir
     */
    @SuppressWarnings("StreamResourceLeak") // the handles returned own the streams; every failure closes them
    static MaildirHandles open(Path path, boolean followRootSymlink) throws OpenRefusal, IOException {
        BasicFileAttributes entry = rootEntry(path, followRootSymlink);
        SecureDirectoryStream<Path> root =
                SafeDirectory.checked(path, Files.newDirectoryStream(path.resolve(SafeDirectory.SELF)), entry);
        SecureDirectoryStream<Path> cur = null;
        try {
            cur = SafeDirectory.in(root, path, "cur");
            SecureDirectoryStream<Path> inNew = SafeDirectory.in(root, path, "new");
            Place place = new Place(
                    path, followRootSymlink, entry.fileKey(), SafeDirectory.key(cur), SafeDirectory.key(inNew));
            return new MaildirHandles(place, root, cur, inNew);
        } catch (OpenRefusal | IOException | RuntimeException e) {
            SafeDirectory.closeQuietly(cur, e);
            SafeDirectory.closeQuietly(root, e);
            throw e;
        }
    }

    private static BasicFileAttributes rootEntry(Path path, boolean follow) throws OpenRefusal, IOException {
        BasicFileAttributes entry;
        try {
            entry = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (entry.isSymbolicLink()) {
                if (!follow) {
                    throw OpenRefusal.unavailable(
                            path + " is a symbolic link (see " + MaildirConfig.FOLLOW_ROOT_SYMLINK_KEY + ")");
                }
                entry = Files.readAttributes(path, BasicFileAttributes.class);
            }
        } catch (NoSuchFileException e) {
            throw OpenRefusal.unavailable("maildir " + path + " does not exist");
        }
        if (!entry.isDirectory()) {
            throw OpenRefusal.unavailable(path + " is not a directory");
        }
        return entry;
    }

    /**
     * Opens the maildir of {@code place} again, when its path still leads to the same three
     * directories.
     *
     * @throws Replaced when it does not (or it is gone)
     */
    static MaildirHandles reopen(Place place) throws IOException {
        MaildirHandles again;
        try {
            again = open(place.path(), place.followRootSymlink());
        } catch (OpenRefusal e) {
            throw new Replaced(e.getMessage());
        }
        if (!again.place.equals(place)) {
            again.close();
            throw new Replaced(place.path() + " is no longer the maildir opened at login");
        }
        return again;
    }

    /**
     * Opens again only {@code cur/} or {@code new/} of the maildir of {@code place}, as a RETR
     * needs: one open of its path as {@code <dir>/.} (a FIFO or a file swapped in fails at once)
     * and one {@code fstat}, instead of the three directories of {@link #reopen}. Links on the way
     * may lead anywhere; what was opened is used only when it is the very directory of the login
     * (the same device and inode), so it can be nothing else.
     *
     * @throws Replaced when it is not (or it is gone)
     */
    @SuppressWarnings("StreamResourceLeak") // the caller owns the handle returned; a mismatch closes it
    static SecureDirectoryStream<Path> reopenDir(Place place, boolean inNew) throws IOException {
        Path dir = place.path().resolve(inNew ? "new" : "cur");
        DirectoryStream<Path> stream;
        try {
            stream = Files.newDirectoryStream(dir.resolve(SafeDirectory.SELF));
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new Replaced(dir + " is no longer the directory opened at login");
        }
        Object expected = inNew ? place.inNew() : place.cur();
        return SafeDirectory.identified(
                stream, expected, dir + " is no longer the directory opened at login", Replaced::new);
    }

    Place place() {
        return place;
    }

    /** The maildir's path, for log lines only: the file system is reached through the handles. */
    Path path() {
        return place.path();
    }

    /** The identity (device and inode) of the root directory, for locks and memory. */
    Object key() {
        return place.root();
    }

    SecureDirectoryStream<Path> root() {
        return root;
    }

    SecureDirectoryStream<Path> cur() {
        return cur;
    }

    /** {@code new/} when {@code inNew}, else {@code cur/}. */
    SecureDirectoryStream<Path> dir(boolean inNew) {
        return inNew ? this.inNew : cur;
    }

    /** The path of {@code name} in {@code new/} or {@code cur/}, for log lines only. */
    Path describe(boolean inNew, String name) {
        return place.path().resolve(inNew ? "new" : "cur").resolve(name);
    }

    @Override
    public void close() throws IOException {
        try (root;
                cur;
                inNew) {
            // closes all three, the first failure thrown
        }
    }
}
