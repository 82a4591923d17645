package io.tanpopo.store.maildir;

import java.io.IOException;
import java.io.InputStream;
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
    public InputStream open(Path file) throws IOException {
        opens.incrementAndGet();
        return real.open(file);
    }

    @Override
    public ReadableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        opens.incrementAndGet();
        return real.open(dir, name);
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        String part = failMovesContaining;
        if (part != null && source.getFileName().toString().contains(part)) {
            throw new IOException("injected rename failure for " + source);
        }
        real.move(source, target);
    }

    @Override
    public void delete(Path file) throws IOException {
        real.delete(file);
    }
}
