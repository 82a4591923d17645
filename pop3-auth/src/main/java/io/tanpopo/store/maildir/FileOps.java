package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * The file operations on message files, as a seam: tests count reads and make renames fail or
 * stop half way through a commit. Every operation acts on one file and is atomic on a POSIX file
 * system, which is what makes a commit crash-safe.
 */
interface FileOps {

    /** Opens a message for reading, refusing to follow a symbolic link. */
    InputStream open(Path file) throws IOException;

    /**
     * Opens the message {@code name} (one path component) of the open directory {@code dir} for
     * reading, refusing to follow a symbolic link.
     */
    ReadableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException;

    /** Renames {@code source} to {@code target} atomically (rename(2)); never copies. */
    void move(Path source, Path target) throws IOException;

    /** Unlinks a message. */
    void delete(Path file) throws IOException;
}
