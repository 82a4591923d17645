package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive session locks on maildirs (RFC 1939 §8), across threads and processes.
 *
 * <p>Across processes: an OS lock ({@link FileChannel#tryLock}, fcntl on Linux) on the file
 * {@value #NAME} in the maildir's root. The kernel releases it when the holding process dies, so
 * a lock left by a crashed or killed server is never stale, with no pid files to check. The file
 * itself stays (removing it would race with a process that just opened it); it holds the pid of
 * the last holder for people looking.
 *
 * <p>Within this process: OS locks belong to the process, and closing <em>any</em> channel on the
 * file drops the process's lock (POSIX), so a second session must not even open the file. A set
 * of held roots decides first. Use one {@link MaildirStore} per process for a tree of maildirs.
 */
final class MaildropLocks {

    static final String NAME = "tanpopo.lock";

    private final Set<Path> held = ConcurrentHashMap.newKeySet();

    /** Locks {@code root} (a real path), or gives empty when another session holds it. */
    Optional<Lease> tryLock(Path root) throws IOException {
        if (!held.add(root)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                held.remove(root);
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(
                    (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(new Lease(root, channel));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            held.remove(root);
            if (e instanceof OverlappingFileLockException) {
                return Optional.empty(); // another MaildirStore in this process holds it
            }
            throw e;
        }
    }

    /** A held lock; closing releases it. */
    final class Lease implements AutoCloseable {
        private final Path root;
        private final FileChannel channel;

        private Lease(Path root, FileChannel channel) {
            this.root = root;
            this.channel = channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close(); // releases the OS lock
            } finally {
                held.remove(root);
            }
        }
    }
}
