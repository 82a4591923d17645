package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** {@link FileOps} on the real file system. */
final class SystemFileOps implements FileOps {

    private static final Set<OpenOption> READ_NOFOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    @Override
    public ReadableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.newByteChannel(name, READ_NOFOLLOW); // openat(2) with O_NOFOLLOW
    }

    @Override
    public void move(SecureDirectoryStream<Path> from, Path name, SecureDirectoryStream<Path> to, Path target)
            throws IOException {
        from.move(name, to, target); // renameat(2)
    }

    @Override
    public void delete(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        dir.deleteFile(name);
    }
}
