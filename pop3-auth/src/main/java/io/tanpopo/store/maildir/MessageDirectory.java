package io.tanpopo.store.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cur/} or {@code new/} while it is listed: the entries are read from a new stream on an
 * open handle ({@code openat(dir, ".")}: the very directory opened, whatever its name leads to
 * now), and a message's attributes and contents are reached relative to that handle
 * ({@code fstatat}, {@code openat}): one path component to resolve, never a link.
 */
final class MessageDirectory implements Closeable {

    private static final Path SELF = Path.of(".");

    private final SecureDirectoryStream<Path> handle;
    private final DirectoryStream<Path> entries;

    private MessageDirectory(SecureDirectoryStream<Path> handle, DirectoryStream<Path> entries) {
        this.handle = handle;
        this.entries = entries;
    }

    /** Starts listing the directory of {@code handle}, which stays open (its owner closes it). */
    @SuppressWarnings("StreamResourceLeak") // the stream is owned, and closed, by the MessageDirectory
    static MessageDirectory open(SecureDirectoryStream<Path> handle) throws IOException {
        return new MessageDirectory(handle, handle.newDirectoryStream(SELF, LinkOption.NOFOLLOW_LINKS));
    }

    /** The names of all entries (each a one-component path); call once. */
    List<Path> names() {
        List<Path> names = new ArrayList<>(4096);
        for (Path entry : entries) {
            names.add(entry.getFileName());
        }
        return names;
    }

    /** The attributes of the entry {@code name} itself ({@code lstat}: links are not followed). */
    BasicFileAttributes attributes(Path name) throws IOException {
        return handle.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    /** Opens the entry {@code name} for reading through {@code ops}, not following a link. */
    ReadableByteChannel open(Path name, FileOps ops) throws IOException {
        return ops.open(handle, name);
    }

    /** Closes the listing; the handle stays open. */
    @Override
    public void close() throws IOException {
        entries.close();
    }
}
