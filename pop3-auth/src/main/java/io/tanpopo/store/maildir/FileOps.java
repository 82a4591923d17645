package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * The file operations on message files, as a seam: tests count reads and make renames fail or
 * stop half way through a commit. Every operation acts on one file named by one path component
 * relative to an open directory ({@link MaildirHandles}), follows no link, and is atomic on a
 * POSIX file system, which is what makes a commit crash-safe.
 */
interface FileOps {

    /**
     * Opens the message {@code name} of the open directory {@code dir} for reading, refusing to
     * follow a symbolic link.
     */
    ReadableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException;

    /**
     * Renames {@code name} in {@code from} to {@code target} in {@code to} atomically
     * ({@code renameat(2)}); never copies.
     */
    void move(SecureDirectoryStream<Path> from, Path name, SecureDirectoryStream<Path> to, Path target)
            throws IOException;

    /** Unlinks the message {@code name} of {@code dir} ({@code unlinkat(2)}). */
    void delete(SecureDirectoryStream<Path> dir, Path name) throws IOException;
}
