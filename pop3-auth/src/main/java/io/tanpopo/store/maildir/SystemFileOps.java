package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** {@link FileOps} on the real file system. */
final class SystemFileOps implements FileOps {

    private static final Set<OpenOption> READ_NOFOLLOW =
            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    @Override
    public InputStream open(Path file) throws IOException {
        // O_NOFOLLOW: a message replaced by a symlink after the listing still is not followed.
        return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public ReadableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.newByteChannel(name, READ_NOFOLLOW); // openat(2) with O_NOFOLLOW
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.delete(file);
    }
}
