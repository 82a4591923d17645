package io.tanpopo.store.maildir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bookkeeping file (the lock, the size cache, {@code dovecot-uidlist},
 * {@code courierpop3dsizelist}) in a maildir owned by a user who may be hostile, reached
 * relative to a directory handle and opened only when it is a regular file.
 *
 * <p>The entry is looked at with {@code lstat} first. It is then opened without following a link
 * and for reading <em>and writing</em>: on Linux {@code open(2)} with {@code O_RDWR} returns at
 * once on a FIFO swapped in after the {@code lstat}, where {@code O_RDONLY} would block the thread
 * until a writer comes. The {@code lseek(2)} that follows fails on a FIFO or socket, so nothing
 * but a regular file is ever read. Only where writing is not allowed (permissions, a read-only
 * mount) is the file opened read-only, after the {@code lstat} alone.
 */
final class SafeFile {

    private static final Set<OpenOption> READ_WRITE =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> READ_ONLY = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Logger LOG = LoggerFactory.getLogger(SafeFile.class);

    private SafeFile() {}

    /** Something other than a regular file where one was expected; the message says what. */
    static final class NotRegular extends IOException {
        private static final long serialVersionUID = 1L;

        NotRegular(String message) {
            super(message);
        }
    }

    /** The attributes of the entry {@code name} itself ({@code fstatat} without following); empty if absent. */
    static Optional<BasicFileAttributes> lstat(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return Optional.of(dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes());
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    /**
     * Opens the regular file {@code name} in {@code dir}; empty when there is none.
     *
     * @throws NotRegular when the entry is anything else (a link, a FIFO, a directory)
     */
    static Optional<FileChannel> open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        Optional<BasicFileAttributes> entry = lstat(dir, name);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (!entry.get().isRegularFile()) {
            throw new NotRegular(name + " is not a regular file");
        }
        try {
            return Optional.of(checked(opened(dir, name, READ_WRITE), name));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (FileSystemException e) {
            String reason = String.valueOf(e.getReason());
            if (reason.contains("symbolic link") || reason.contains("directory")) {
                throw new NotRegular(name + " is not a regular file (" + reason + ")"); // swapped in
            }
            return readOnly(dir, name, entry.get()); // EACCES, EPERM, EROFS: we may not write it
        }
    }

    /**
     * The whole of the regular file {@code name} in {@code dir}; empty when there is none.
     *
     * @throws NotRegular when the entry is anything else (a link, a FIFO, a directory)
     * @throws IOException also when it is, or grows while read, longer than {@code maxBytes}
     */
    static Optional<byte[]> readAll(SecureDirectoryStream<Path> dir, Path name, int maxBytes) throws IOException {
        Optional<FileChannel> opened = open(dir, name);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (FileChannel channel = opened.get();
                InputStream in = bounded(channel, maxBytes)) {
            if (channel.size() > maxBytes) {
                throw new IOException(name + " is larger than " + maxBytes + " bytes");
            }
            return Optional.of(in.readAllBytes());
        }
    }

    /**
     * Gives {@code file} the owner and group of {@code like} where we may (we are root): a server
     * running as root must not leave the user's Dovecot or Courier a file it cannot rewrite.
     */
    static void giveOwner(PosixFileAttributeView file, PosixFileAttributes like) throws IOException {
        PosixFileAttributes now = file.readAttributes();
        try {
            if (!now.owner().equals(like.owner())) {
                file.setOwner(like.owner());
            }
            if (!now.group().equals(like.group())) {
                file.setGroup(like.group());
            }
        } catch (IOException notPermitted) {
            LOG.debug("Cannot give a file to {}: {}", like.owner(), notPermitted.toString());
        }
    }

    /**
     * Read-only, where {@code O_RDWR} is not allowed: only while the entry still is the regular
     * file first seen (a FIFO swapped in between would block this open; see the class comment).
     */
    private static Optional<FileChannel> readOnly(SecureDirectoryStream<Path> dir, Path name, BasicFileAttributes first)
            throws IOException {
        Optional<BasicFileAttributes> now = lstat(dir, name);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (!now.get().isRegularFile() || !now.get().fileKey().equals(first.fileKey())) {
            throw new NotRegular(name + " changed while it was opened");
        }
        return Optional.of(checked(opened(dir, name, READ_ONLY), name));
    }

    /** The channel, when it is a regular file (a FIFO or socket cannot seek). */
    static FileChannel checked(FileChannel channel, Path name) throws IOException {
        try {
            channel.position();
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new NotRegular(name + " is not a regular file");
        }
    }

    static FileChannel opened(SecureDirectoryStream<Path> dir, Path name, Set<OpenOption> options) throws IOException {
        SeekableByteChannel channel = dir.newByteChannel(name, options);
        if (channel instanceof FileChannel file) {
            return file;
        }
        channel.close();
        throw new NotRegular(name + " opened as " + channel.getClass().getName());
    }

    /**
     * The channel as a stream that fails with an {@link IOException} once more than {@code max}
     * bytes were read: a file that grows after it was checked is still read no further.
     */
    static InputStream bounded(FileChannel channel, long max) {
        return new FilterInputStream(Channels.newInputStream(channel)) {
            private long left = max;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, (int) Math.min(len, left + 1));
                if (n > 0 && (left -= n) < 0) {
                    throw new IOException("longer than " + max + " bytes");
                }
                return n;
            }
        };
    }
}
