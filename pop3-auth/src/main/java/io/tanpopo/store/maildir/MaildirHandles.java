package io.tanpopo.store.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A maildir opened for one session: handles on its root, {@code cur/} and {@code new/} that stay
 * on the directories found at login, whatever is renamed or linked afterwards. Everything the
 * store does in the maildir is relative to them ({@code openat}, {@code fstatat},
 * {@code renameat}, {@code unlinkat}), so a user who swaps a directory for a link after login
 * (say {@code mv cur c2; ln -s /etc cur}) changes nothing. {@code tmp/} is never opened.
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

    private final Path path;
    private final SecureDirectoryStream<Path> root;
    private final SecureDirectoryStream<Path> cur;
    private final SecureDirectoryStream<Path> inNew;
    private final Object key;

    private MaildirHandles(Path path, SecureDirectoryStream<Path> root, SecureDirectoryStream<Path> cur,
            SecureDirectoryStream<Path> inNew, Object key) {
        this.path = path;
        this.root = root;
        this.cur = cur;
        this.inNew = inNew;
        this.key = key;
    }

    /**
     * Opens the maildir at {@code path} (absolute, normalized).
     *
     * @throws OpenRefusal when it is missing, a link not to be followed, or not a maildir
     */
    static MaildirHandles open(Path path, boolean followRootSymlink) throws OpenRefusal, IOException {
        BasicFileAttributes entry = rootEntry(path, followRootSymlink);
        SecureDirectoryStream<Path> root = checked(path, Files.newDirectoryStream(path.resolve(SELF)), entry);
        SecureDirectoryStream<Path> cur = null;
        try {
            cur = subdirectory(root, path, "cur");
            SecureDirectoryStream<Path> inNew = subdirectory(root, path, "new");
            return new MaildirHandles(path, root, cur, inNew, entry.fileKey());
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
                    throw OpenRefusal.unavailable(path + " is a symbolic link (see "
                            + MaildirConfig.FOLLOW_ROOT_SYMLINK_KEY + ")");
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

    private static SecureDirectoryStream<Path> subdirectory(SecureDirectoryStream<Path> root, Path path,
            String name) throws OpenRefusal, IOException {
        BasicFileAttributes entry;
        try {
            entry = root.getFileAttributeView(Path.of(name), BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            entry = null;
        }
        if (entry == null || !entry.isDirectory()) {
            throw OpenRefusal.unavailable(path.resolve(name) + " is not a directory: " + path
                    + " is not a maildir");
        }
        return checked(path.resolve(name),
                root.newDirectoryStream(Path.of(name).resolve(SELF), LinkOption.NOFOLLOW_LINKS), entry);
    }

    /** {@code stream}, opened at {@code path}, when it is the directory {@code entry} describes. */
    private static SecureDirectoryStream<Path> checked(Path path, DirectoryStream<Path> stream,
            BasicFileAttributes entry) throws OpenRefusal, IOException {
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw OpenRefusal.unavailable("the maildir store needs SecureDirectoryStream (Linux), not offered here");
        }
        Object opened = secure.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        if (opened == null || !opened.equals(entry.fileKey())) {
            secure.close();
            throw OpenRefusal.unavailable(path + " was replaced while it was opened");
        }
        return secure;
    }

    /** The maildir's path, for log lines only: the file system is reached through the handles. */
    Path path() {
        return path;
    }

    /** The identity (device and inode) of the root directory, for locks and memory. */
    Object key() {
        return key;
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
        return path.resolve(inNew ? "new" : "cur").resolve(name);
    }

    @Override
    public void close() throws IOException {
        try (root; cur; inNew) {
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
