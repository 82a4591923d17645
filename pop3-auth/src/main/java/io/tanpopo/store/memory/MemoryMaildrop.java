package io.tanpopo.store.memory;

import io.tanpopo.store.CommitResult;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** A session's snapshot of a {@link MemoryMailbox}. */
final class MemoryMaildrop implements Maildrop {

    private final MemoryMailbox mailbox;
    private final List<MemoryMessage> snapshot;
    private final List<MessageInfo> infos;
    private final boolean locked;
    private boolean closed;

    MemoryMaildrop(MemoryMailbox mailbox, boolean locked) {
        this.mailbox = mailbox;
        this.snapshot = mailbox.snapshot();
        this.infos = snapshot.stream().map(MemoryMessage::info).toList();
        this.locked = locked;
    }

    @Override
    public List<MessageInfo> messages() {
        return infos;
    }

    @Override
    public InputStream openMessage(int index) {
        return new ByteArrayInputStream(snapshot.get(index).content());
    }

    @Override
    public CommitResult commit(BitSet deleted, BitSet retrieved) {
        List<MemoryMessage> removed = new ArrayList<>();
        deleted.stream().forEach(i -> removed.add(snapshot.get(i)));
        return new CommitResult.Committed(mailbox.removeAll(removed));
    }

    @Override
    public synchronized void close() {
        if (!closed && locked) {
            mailbox.unlock();
        }
        closed = true;
    }
}
