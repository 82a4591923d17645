package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** {@link FileOps} on the real file system. */
final class SystemFileOps implements FileOps {

    @Override
    public InputStream open(Path file) throws IOException {
        // O_NOFOLLOW: a message replaced by a symlink after the listing still is not followed.
        return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
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
