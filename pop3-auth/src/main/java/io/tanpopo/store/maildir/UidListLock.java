package io.tanpopo.store.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dovecot's lock of {@code dovecot-uidlist} ({@code maildir-uidlist.c} with {@code file-dotlock.c}):
 * the lock is the file {@code dovecot-uidlist.lock}, created with {@code O_EXCL}; the new list
 * is written into it and it is renamed over {@code dovecot-uidlist}, which releases the lock and
 * replaces the list in one step. A lock that neither changed, nor saw the list change, for
 * {@link #STALE} (Dovecot's {@code UIDLIST_LOCK_STALE_TIMEOUT}, two minutes) was left by a
 * process that died: it is removed and taken, as Dovecot does.
 *
 * <p>Unlike Dovecot, which waits up to its stale timeout, a login waits at most {@link #WAIT}
 * for a lock held by someone else: the caller then goes on without new UIDs for this session.
 */
final class UidListLock implements AutoCloseable {

    static final String NAME = DovecotUidList.NAME + ".lock";
    static final Duration STALE = Duration.ofMinutes(2);
    static final Duration WAIT = Duration.ofSeconds(2);
    private static final Path LOCK = Path.of(NAME);
    private static final Path LIST = Path.of(DovecotUidList.NAME);
    private static final Logger LOG = LoggerFactory.getLogger(UidListLock.class);

    private final SecureDirectoryStream<Path> dir;
    private final SeekableByteChannel channel;
    private boolean done;

    private UidListLock(SecureDirectoryStream<Path> dir, SeekableByteChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /**
     * Takes the lock, waiting at most {@link #WAIT}; empty when someone else holds it.
     * {@code shown} names the maildir in the log.
     */
    static Optional<UidListLock> take(SecureDirectoryStream<Path> dir, Path shown, Clock clock) throws IOException {
        long deadline = clock.millis() + WAIT.toMillis();
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Set<OpenOption> options =
                        Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
                return Optional.of(new UidListLock(
                        dir, dir.newByteChannel(LOCK, options, PosixFilePermissions.asFileAttribute(modeOf(dir)))));
            } catch (FileAlreadyExistsException held) {
                if (stale(dir, clock)) {
                    LOG.warn("Taking over the stale {} in {}", NAME, shown);
                    deleteQuietly(dir, LOCK);
                } else if (clock.millis() >= deadline) {
                    return Optional.empty();
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + attempt));
                }
            }
        }
        return Optional.empty();
    }

    /** Writes {@code content} as the new list and renames it into place, releasing the lock. */
    void replace(byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (channel instanceof java.nio.channels.FileChannel file) {
            file.force(true);
        }
        channel.close();
        giveOwnerOfList();
        dir.move(LOCK, dir, LIST);
        done = true;
    }

    /** Removes the lock unless {@link #replace} renamed it. */
    @Override
    public void close() throws IOException {
        channel.close();
        if (!done) {
            done = true;
            deleteQuietly(dir, LOCK);
        }
    }

    /** Stale: neither the lock nor the list changed for {@link #STALE}. */
    private static boolean stale(SecureDirectoryStream<Path> dir, Clock clock) throws IOException {
        long limit = clock.millis() - STALE.toMillis();
        Optional<BasicFileAttributes> lock = SafeFile.lstat(dir, LOCK);
        if (lock.isEmpty()) {
            return false; // gone meanwhile: the next attempt creates it
        }
        return lock.get().lastModifiedTime().toMillis() < limit && modified(dir, LIST) < limit;
    }

    private static long modified(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return SafeFile.lstat(dir, name)
                .map(a -> a.lastModifiedTime().toMillis())
                .orElse(0L);
    }

    /** The list's mode (a new list: the maildir's, without execute bits), as Dovecot keeps it. */
    private static Set<PosixFilePermission> modeOf(SecureDirectoryStream<Path> dir) throws IOException {
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(attributes(dir).permissions());
        mode.removeAll(Set.of(
                PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        mode.add(PosixFilePermission.OWNER_READ);
        mode.add(PosixFilePermission.OWNER_WRITE);
        return mode;
    }

    /** The list's attributes, or the maildir's when there is no list. */
    private static PosixFileAttributes attributes(SecureDirectoryStream<Path> dir) throws IOException {
        try {
            return view(dir, LIST).readAttributes();
        } catch (NoSuchFileException absent) {
            return dir.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
        }
    }

    /**
     * The new list belongs to whom the old one (else the maildir) belongs: a server running as
     * root must not leave the user's Dovecot a list it cannot rewrite.
     */
    private void giveOwnerOfList() throws IOException {
        SafeFile.giveOwner(view(dir, LOCK), attributes(dir));
    }

    private static PosixFileAttributeView view(SecureDirectoryStream<Path> dir, Path name) {
        return dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void deleteQuietly(SecureDirectoryStream<Path> dir, Path name) {
        try {
            dir.deleteFile(name);
        } catch (IOException e) {
            LOG.debug("Cannot remove {}: {}", name, e.toString());
        }
    }
}
