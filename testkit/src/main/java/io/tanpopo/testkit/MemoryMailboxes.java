package io.tanpopo.testkit;

import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.store.memory.MemoryMailbox;
import io.tanpopo.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** In-memory mailboxes; generated UIDLs come from the profile's {@link UidStyle}. */
final class MemoryMailboxes implements Mailboxes {

    private final MemoryStore store;
    private final UidStyle style;
    private final Supplier<String> host;
    private final long validity = System.currentTimeMillis() / 1000;
    private final AtomicLong uids = new AtomicLong();

    MemoryMailboxes(boolean locking, UidStyle style, Supplier<String> host) {
        // A locking profile locks as tanpopo does by default: a new login ends the older session.
        this.store = new MemoryStore(locking ? LockMode.TAKEOVER : LockMode.OFF);
        this.style = style;
        this.host = host;
    }

    @Override
    public MailStore store() {
        return store;
    }

    @Override
    public UserMailbox mailbox(String user) {
        MemoryMailbox mailbox = store.mailbox(user);
        return new UserMailbox() {
            @Override
            public String add(Optional<String> uid, byte[] message) {
                Optional<String> chosen = uid.or(() -> style.uid(validity, uids.incrementAndGet(), host.get()));
                return chosen.map(u -> mailbox.add(u, message)).orElseGet(() -> mailbox.add(message));
            }

            @Override
            public List<MessageInfo> messages() {
                return mailbox.messages();
            }

            @Override
            public byte[] content(String uid) {
                return mailbox.content(uid);
            }

            @Override
            public boolean isLocked() {
                return mailbox.isLocked();
            }

            @Override
            public void clear() {
                mailbox.clear();
            }

            @Override
            public Optional<Path> maildir() {
                return Optional.empty();
            }
        };
    }

    @Override
    public void remove(String user) {
        store.remove(user);
    }

    @Override
    public void clear() {
        store.clear();
    }

    @Override
    public Optional<Path> root() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing outside the heap
    }
}
