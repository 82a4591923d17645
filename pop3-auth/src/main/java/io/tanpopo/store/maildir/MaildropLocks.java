package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive session locks on maildirs (RFC 1939 §8), across threads and processes.
 *
 * <p>Across processes: an OS lock ({@link FileChannel#tryLock}, fcntl on Linux) on the file
 * {@value #NAME} in the maildir's root. The kernel releases it when the holding process dies, so
 * a lock left by a crashed or killed server is never stale, with no pid files to check. The file
 * stays (removing it would race with a process that just opened it) and is never written: a lock
 * taken on a full disk works, and nothing the user put there is ever truncated.
 *
 * <p>The maildir belongs to its user, who may put anything at that name. The file is reached
 * relative to the root's handle and only a regular file is locked (see {@link SafeFile}): a link,
 * FIFO or socket there is unlinked (which never touches a link's target) and a fresh file is
 * created with {@code O_CREAT|O_EXCL}, which follows no link.
 *
 * <p>Within this process: OS locks belong to the process, and closing <em>any</em> channel on the
 * file drops the process's lock (POSIX), so a second session must not even open the file. A set
 * of held maildirs (by device and inode) decides first. Use one {@link MaildirStore} per process
 * for a tree of maildirs.
 */
final class MaildropLocks {

    static final String NAME = "tanpopo.lock";
    private static final Path FILE = Path.of(NAME);
    private static final Set<OpenOption> EXISTING =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> FRESH =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(MaildropLocks.class);

    private final Set<Object> held = ConcurrentHashMap.newKeySet();

    /** Locks the maildir of {@code handles}, or gives empty when another session holds it. */
    Optional<Lease> tryLock(MaildirHandles handles) throws IOException {
        Object key = handles.key();
        if (!held.add(key)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = lockFile(handles);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                held.remove(key);
                return Optional.empty();
            }
            return Optional.of(new Lease(key, channel));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            held.remove(key);
            if (e instanceof OverlappingFileLockException) {
                return Optional.empty(); // another MaildirStore in this process holds it
            }
            throw e;
        }
    }

    /** The lock file, opened for writing (fcntl's write lock needs it) but never written. */
    private static FileChannel lockFile(MaildirHandles handles) throws IOException {
        SecureDirectoryStream<Path> root = handles.root();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<BasicFileAttributes> entry = SafeFile.lstat(root, FILE);
            try {
                if (entry.isEmpty()) {
                    return SafeFile.checked(SafeFile.opened(root, FILE, FRESH), FILE);
                }
                if (entry.get().isRegularFile()) {
                    return SafeFile.checked(SafeFile.opened(root, FILE, EXISTING), FILE);
                }
                LOG.warn("Replacing {} in {}: not a regular file", NAME, handles.path());
                remove(root, entry.get());
            } catch (FileAlreadyExistsException | NoSuchFileException | SafeFile.NotRegular raced) {
                LOG.debug("{} in {} changed while it was opened: {}", NAME, handles.path(), raced.toString());
            }
        }
        throw new IOException(NAME + " in " + handles.path() + " keeps changing");
    }

    private static void remove(SecureDirectoryStream<Path> root, BasicFileAttributes entry) throws IOException {
        try {
            if (entry.isDirectory()) {
                root.deleteDirectory(FILE);
            } else {
                root.deleteFile(FILE); // unlinkat(2): a link goes, its target stays as it was
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile: create it
        }
    }

    /** A held lock; closing releases it. */
    final class Lease implements AutoCloseable {
        private final Object key;
        private final FileChannel channel;

        private Lease(Object key, FileChannel channel) {
            this.key = key;
            this.channel = channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close(); // releases the OS lock
            } finally {
                held.remove(key);
            }
        }
    }
}
