package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded, link-safe reading of one small bookkeeping file (Dovecot's {@code dovecot-uidlist},
 * Courier's {@code courierpop3dsizelist}) in a maildir owned by a user who may be hostile,
 * relative to the maildir's directory handle.
 *
 * <p>The name is looked at with {@code lstat} first and only a regular file is opened, without
 * following a link. It is opened for reading and writing where we may: {@code open(2)} with
 * {@code O_RDWR} never blocks on a FIFO swapped in after the {@code lstat}, and the
 * {@code lseek(2)} that follows fails on a FIFO or socket, so nothing but a regular file is read.
 * (Where we may only read, or the file system is read-only, {@code O_RDONLY} is used after the
 * {@code lstat} alone.)
 */
final class UidListFile {

    private static final Set<OpenOption> READ_WRITE = Set.of(
            StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> READ_ONLY = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private static final Logger LOG = LoggerFactory.getLogger(UidListFile.class);

    private UidListFile() {
    }

    /** Why a file was not read; the message is for the log. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /**
     * The bytes of {@code name} in {@code dir}.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws Unusable when it is not a regular file or longer than {@code maxBytes}
     */
    static byte[] read(SecureDirectoryStream<Path> dir, Path name, int maxBytes)
            throws IOException, Unusable {
        BasicFileAttributes attrs = lstat(dir, name);
        if (!attrs.isRegularFile()) {
            throw new Unusable("not a regular file");
        }
        if (attrs.size() > maxBytes) {
            throw new Unusable("larger than " + maxBytes + " bytes");
        }
        try (SeekableByteChannel in = open(dir, name)) {
            try {
                in.position();
            } catch (IOException notSeekable) {
                throw new Unusable("not a regular file (replaced while opened)");
            }
            return readBounded(in, maxBytes);
        }
    }

    static BasicFileAttributes lstat(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    /** Gives {@code file} the owner and group of {@code like} where we may (we are root). */
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

    private static SeekableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return dir.newByteChannel(name, READ_WRITE);
        } catch (NoSuchFileException gone) {
            throw gone;
        } catch (FileSystemException readOnly) { // not ours to write, or a read-only file system
            return dir.newByteChannel(name, READ_ONLY);
        }
    }

    private static byte[] readBounded(SeekableByteChannel in, int maxBytes) throws IOException, Unusable {
        byte[] data = new byte[Math.min(maxBytes, 64 * 1024) + 1];
        int length = 0;
        while (true) {
            if (length == data.length) {
                if (length > maxBytes) {
                    throw new Unusable("grew larger than " + maxBytes + " bytes while read");
                }
                data = Arrays.copyOf(data, (int) Math.min((long) maxBytes + 1, 2L * data.length));
            }
            int n = in.read(ByteBuffer.wrap(data, length, data.length - length));
            if (n < 0) {
                return Arrays.copyOf(data, length);
            }
            length += n;
        }
    }
}
