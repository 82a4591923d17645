package io.tanpopo.store.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cur/} or {@code new/}, open while it is listed. Where the platform offers a
 * {@link SecureDirectoryStream} (Linux), a message's attributes and contents are reached relative
 * to the open directory ({@code fstatat}, {@code openat}): one path component to resolve instead of
 * the whole path from {@code /}, for each of the two system calls per message of a first login.
 * Elsewhere, by path.
 */
final class MessageDirectory implements Closeable {

    private final Path path;
    private final DirectoryStream<Path> stream;
    private final SecureDirectoryStream<Path> secure;

    private MessageDirectory(Path path, DirectoryStream<Path> stream, boolean relative) {
        this.path = path;
        this.stream = stream;
        this.secure = relative && stream instanceof SecureDirectoryStream<Path> s ? s : null;
    }

    /** Opens {@code dir}; with {@code relative} false, always works by path (for tests). */
    @SuppressWarnings("StreamResourceLeak") // the stream is owned, and closed, by the MessageDirectory
    static MessageDirectory open(Path dir, boolean relative) throws IOException {
        return new MessageDirectory(dir, Files.newDirectoryStream(dir), relative);
    }

    /** The names of all entries (each a one-component path); call once. */
    List<Path> names() {
        List<Path> names = new ArrayList<>(4096);
        for (Path entry : stream) {
            names.add(entry.getFileName());
        }
        return names;
    }

    /** The attributes of the entry {@code name} itself ({@code lstat}: links are not followed). */
    BasicFileAttributes attributes(Path name) throws IOException {
        if (secure != null) {
            return secure.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }
        return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Opens the entry {@code name} for reading through {@code ops}, not following a link. */
    ReadableByteChannel open(Path name, FileOps ops) throws IOException {
        return secure != null ? ops.open(secure, name) : Channels.newChannel(ops.open(path.resolve(name)));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
