package io.tanpopo.store.maildir;

import io.tanpopo.store.CommitResult;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session's snapshot of a maildir, holding its lock (when locking) until closed. */
final class MaildirMaildrop implements Maildrop {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirMaildrop.class);

    private final Path root;
    private final List<MessageFile> files;
    private final List<MessageInfo> infos;
    private final boolean inPlace;
    private final MaildirScanner scanner;
    private final FileOps ops;
    private final MaildirCommit commit;
    private final Optional<MaildropLocks.Lease> lease;
    private boolean closed;

    MaildirMaildrop(Path root, Snapshot snapshot, MaildirScanner scanner, FileOps ops,
            MaildirCommit commit, Optional<MaildropLocks.Lease> lease) {
        this.root = root;
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
        try {
            return ops.open(file.path(root));
        } catch (NoSuchFileException moved) {
            // Flags changed or moved new/ → cur/ by another process: same base name.
            Optional<MessageFile> now = scanner.find(root, file.name().base());
            if (now.isEmpty()) {
                throw moved;
            }
            return ops.open(now.get().path(root));
        }
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
                LOG.warn("Cannot release the lock of {}: {}", root, e.toString());
            }
        }
    }
}
