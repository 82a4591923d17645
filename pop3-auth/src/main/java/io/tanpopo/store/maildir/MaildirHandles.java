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
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A maildir opened: handles on its root, {@code cur/} and {@code new/}. Everything the store does
 * in the maildir is relative to them ({@code openat}, {@code fstatat}, {@code renameat},
 * {@code unlinkat}), so no name is looked up twice. {@code tmp/} is opened only to write Courier's
 * list there ({@link #directory}), and closed at once.
 *
 * <p>A session holds no handle while it waits for the client (an idle session costs no file
 * descriptor: 10,000 idle sessions must fit in a process): the login opens the maildir, remembers
 * its {@link Place} (the device and inode of the three directories) and closes it; RETR and QUIT
 * {@linkplain #reopen reopen} it and go on only when the same three directories are found. A user
 * who swaps a directory for a link after login (say {@code mv cur c2; ln -s /etc cur}) gets
 * refusals, and nothing outside the maildir of the login is ever read, unlinked or written.
 *
 * <p>Each directory is opened without following a link and without blocking on a FIFO: its entry
 * is looked at with {@code lstat} (relative to the root's handle, for {@code cur/} and
 * {@code new/}) and must be a directory; it is then opened as {@code <name>/.}, which the kernel
 * refuses at once ({@code ENOTDIR}) when the name has become a FIFO or file meanwhile (a plain
 * {@code open(2)} with {@code O_RDONLY} would wait for a writer), and the device and inode of what
 * was opened ({@code fstat}) must be those the {@code lstat} saw, else the open is refused (a link
 * swapped in meanwhile is caught here). The maildir's own entry may be a link only when the
 * operator allows it ({@code followRootSymlink}); the directories above it belong to the operator
 * and may be links.
 */
final class MaildirHandles implements Closeable {

    /** Opening {@code dir/.} fails at once unless {@code dir} is a directory. */
    private static final Path SELF = Path.of(".");

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
        SecureDirectoryStream<Path> root = checked(path, Files.newDirectoryStream(path.resolve(SELF)), entry);
        SecureDirectoryStream<Path> cur = null;
        try {
            cur = subdirectory(root, path, "cur");
            SecureDirectoryStream<Path> inNew = subdirectory(root, path, "new");
            Place place = new Place(path, followRootSymlink, entry.fileKey(), key(cur), key(inNew));
            return new MaildirHandles(place, root, cur, inNew);
        } catch (OpenRefusal | IOException | RuntimeException e) {
            closeQuietly(cur, e);
            closeQuietly(root, e);
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
     * Opens the directory {@code name} in {@code root} (the maildir at {@code path}) as
     * {@code cur/} and {@code new/} are opened.
     *
     * @throws IOException also when it is not a directory or was replaced while it was opened
     */
    static SecureDirectoryStream<Path> directory(SecureDirectoryStream<Path> root, Path path, String name)
            throws IOException {
        try {
            return subdirectory(root, path, name);
        } catch (OpenRefusal refusal) {
            throw new IOException(refusal.getMessage());
        }
    }

    private static SecureDirectoryStream<Path> subdirectory(SecureDirectoryStream<Path> root, Path path, String name)
            throws OpenRefusal, IOException {
        BasicFileAttributes entry;
        try {
            entry = root.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            entry = null;
        }
        if (entry == null || !entry.isDirectory()) {
            throw OpenRefusal.unavailable(path.resolve(name) + " is not a directory: " + path + " is not a maildir");
        }
        DirectoryStream<Path> opened;
        try {
            opened = root.newDirectoryStream(Path.of(name).resolve(SELF), LinkOption.NOFOLLOW_LINKS);
        } catch (NotDirectoryException | NoSuchFileException e) {
            throw OpenRefusal.unavailable(path.resolve(name) + " was replaced while it was opened");
        }
        return checked(path.resolve(name), opened, entry);
    }

    /** {@code stream}, opened at {@code path}, when it is the directory {@code entry} describes. */
    private static SecureDirectoryStream<Path> checked(
            Path path, DirectoryStream<Path> stream, BasicFileAttributes entry) throws OpenRefusal, IOException {
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw OpenRefusal.unavailable("the maildir store needs SecureDirectoryStream (Linux), not offered here");
        }
        Object opened;
        try {
            opened = key(secure);
        } catch (IOException | RuntimeException e) {
            closeQuietly(secure, e);
            throw e;
        }
        if (opened == null || !opened.equals(entry.fileKey())) {
            secure.close();
            throw OpenRefusal.unavailable(path + " was replaced while it was opened");
        }
        return secure;
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

    /** The device and inode of an open directory ({@code fstat}). */
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
            stream = Files.newDirectoryStream(dir.resolve(SELF));
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new Replaced(dir + " is no longer the directory opened at login");
        }
        Object expected = inNew ? place.inNew() : place.cur();
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw new Replaced("the maildir store needs SecureDirectoryStream (Linux), not offered here");
        }
        Object opened;
        try {
            opened = key(secure);
        } catch (IOException | RuntimeException e) {
            closeQuietly(secure, e);
            throw e;
        }
        if (!expected.equals(opened)) {
            secure.close();
            throw new Replaced(dir + " is no longer the directory opened at login");
        }
        return secure;
    }

    private static Object key(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class)
                .readAttributes()
                .fileKey();
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

    private static void closeQuietly(Closeable c, Exception failure) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
