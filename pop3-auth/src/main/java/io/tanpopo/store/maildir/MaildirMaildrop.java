package io.tanpopo.store.maildir;

import io.tanpopo.store.CommitResult;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's snapshot of a maildir, holding its lock (when locking) until closed. RETR and QUIT
 * work on the directories found at login, reopened ({@link MaildirHandles#reopen}) for each.
 */
final class MaildirMaildrop implements Maildrop {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirMaildrop.class);

    private final MaildirHandles.Place place;
    private final List<MessageFile> files;
    private final List<MessageInfo> infos;
    private final boolean inPlace;
    private final MaildirScanner scanner;
    private final FileOps ops;
    private final MaildirCommit commit;
    private final Optional<MaildropLocks.Lease> lease;
    private boolean closed;

    MaildirMaildrop(
            MaildirHandles.Place place,
            Snapshot snapshot,
            MaildirScanner scanner,
            FileOps ops,
            MaildirCommit commit,
            Optional<MaildropLocks.Lease> lease) {
        this.place = place;
        this.files = snapshot.files();
        this.infos = snapshot.infos();
        this.inPlace = snapshot.inPlace();
        this.scanner = scanner;
        this.ops = ops;
        this.commit = commit;
        this.lease = lease;
    }

    /**
     * The files of a snapshot and their infos, index by index.
     *
     * @param inPlace whether every file is {@linkplain MessageFile#inPlace in place}
     */
    record Snapshot(List<MessageFile> files, List<MessageInfo> infos, boolean inPlace) {
        Snapshot {
            files = List.copyOf(files);
            infos = List.copyOf(infos);
        }
    }

    @Override
    public List<MessageInfo> messages() {
        return infos;
    }

    @Override
    public InputStream openMessage(int index) throws IOException {
        MessageFile file = files.get(index);
        try (SecureDirectoryStream<Path> dir = MaildirHandles.reopenDir(place, file.inNew())) {
            return open(dir, file);
        } catch (NoSuchFileException moved) {
            // Flags changed or moved new/ → cur/ by another process: same base name.
            try (MaildirHandles maildir = MaildirHandles.reopen(place)) {
                Optional<MessageFile> now = scanner.find(maildir, file.name().base());
                if (now.isEmpty()) {
                    throw moved;
                }
                return open(maildir.dir(now.get().inNew()), now.get());
            }
        }
    }

    /**
     * Opens a message relative to its reopened directory (that of the login); only a regular
     * file ({@code lstat} first: the open itself would block on a FIFO put in its place since the
     * listing, though a FIFO swapped in between the two still would: see docs/security.md).
     */
    private InputStream open(SecureDirectoryStream<Path> dir, MessageFile file) throws IOException {
        Path name = Path.of(file.name().fileName());
        Optional<BasicFileAttributes> entry = SafeFile.lstat(dir, name);
        if (entry.isEmpty()) {
            throw new NoSuchFileException(describe(file));
        }
        if (!entry.get().isRegularFile()) {
            throw new SafeFile.NotRegular(describe(file) + " is no longer a regular file");
        }
        return Channels.newInputStream(ops.open(dir, name));
    }

    /** The path of a message, for messages only: the file system is reached through handles. */
    private String describe(MessageFile file) {
        return place.path()
                .resolve(file.inNew() ? "new" : "cur")
                .resolve(file.name().fileName())
                .toString();
    }

    @Override
    public CommitResult commit(BitSet deleted, BitSet retrieved) {
        return commit.run(files, inPlace, deleted, retrieved);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lease.isPresent()) {
            try {
                lease.get().close();
            } catch (IOException e) {
                LOG.warn("Cannot release the lock of {}: {}", place.path(), e.toString());
            }
        }
    }
}
