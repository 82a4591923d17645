package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Real file operations that count message reads and can fail renames into a chosen name. */
final class CountingFileOps implements FileOps {

    final AtomicInteger opens = new AtomicInteger();
    private final SystemFileOps real = new SystemFileOps();
    private volatile String failMovesContaining = null;

    void failMovesContaining(String part) {
        failMovesContaining = part;
    }

    @Override
    public ReadableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        opens.incrementAndGet();
        return real.open(dir, name);
    }

    @Override
    public void move(SecureDirectoryStream<Path> from, Path name, SecureDirectoryStream<Path> to, Path target)
            throws IOException {
        String part = failMovesContaining;
        if (part != null && name.toString().contains(part)) {
            throw new IOException("injected rename failure for " + name);
        }
        real.move(from, name, to, target);
    }

    @Override
    public void delete(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        real.delete(dir, name);
    }
}
