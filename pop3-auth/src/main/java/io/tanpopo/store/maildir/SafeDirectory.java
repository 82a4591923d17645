package io.tanpopo.store.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Function;

/**
 * A directory of a maildir owned by a user who may be hostile, opened without following a link
 * and without blocking on a FIFO: its entry is looked at with {@code lstat} (relative to the
 * maildir's handle) and must be a directory; it is then opened as {@code <name>/.}, which the
 * kernel refuses at once ({@code ENOTDIR}) when the name has become a FIFO or file meanwhile (a
 * plain {@code open(2)} with {@code O_RDONLY} would wait for a writer), and the device and inode
 * of what was opened ({@code fstat}) must be those expected, else the open is refused (a link
 * swapped in meanwhile is caught here).
 */
final class SafeDirectory {

    /** Opening {@code dir/.} fails at once unless {@code dir} is a directory. */
    static final Path SELF = Path.of(".");

    private SafeDirectory() {}

    /**
     * Opens the directory {@code name} in {@code root} (the maildir at {@code path}) as
     * {@code cur/} and {@code new/} are opened.
     *
     * @throws IOException also when it is not a directory or was replaced while it was opened
     */
    static SecureDirectoryStream<Path> open(SecureDirectoryStream<Path> root, Path path, String name)
            throws IOException {
        try {
            return in(root, path, name);
        } catch (OpenRefusal refusal) {
            throw new IOException(refusal.getMessage());
        }
    }

    /** As {@link #open}; a refusal says the maildir at {@code path} is not one. */
    static SecureDirectoryStream<Path> in(SecureDirectoryStream<Path> root, Path path, String name)
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
    static SecureDirectoryStream<Path> checked(Path path, DirectoryStream<Path> stream, BasicFileAttributes entry)
            throws OpenRefusal, IOException {
        return identified(
                stream, entry.fileKey(), path + " was replaced while it was opened", OpenRefusal::unavailable);
    }

    /**
     * {@code stream} when it is a secure directory stream with the device and inode {@code
     * expected}; else it is closed and {@code refusal} of {@code replaced} (or of the missing
     * support) is thrown.
     */
    static <E extends Exception> SecureDirectoryStream<Path> identified(
            DirectoryStream<Path> stream, Object expected, String replaced, Function<String, E> refusal)
            throws E, IOException {
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw refusal.apply("the maildir store needs SecureDirectoryStream (Linux), not offered here");
        }
        Object opened;
        try {
            opened = key(secure);
        } catch (IOException | RuntimeException e) {
            closeQuietly(secure, e);
            throw e;
        }
        if (opened == null || !opened.equals(expected)) {
            secure.close();
            throw refusal.apply(replaced);
        }
        return secure;
    }

    /** The device and inode of an open directory ({@code fstat}). */
    static Object key(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class)
                .readAttributes()
                .fileKey();
    }

    /** Closes {@code c} if there is one, adding its failure to {@code failure}. */
    static void closeQuietly(Closeable c, Exception failure) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
