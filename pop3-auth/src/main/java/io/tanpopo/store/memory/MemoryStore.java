package io.tanpopo.store.memory;

import io.tanpopo.auth.Account;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.OpenResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maildrops in memory, one {@link MemoryMailbox} per user, created on first use. UIDs are unique
 * across runs (a prefix from the store's creation time, then a counter), so a client that caches
 * UIDLs never mistakes a new message for an old one after a restart.
 */
public final class MemoryStore implements MailStore {

    private final Map<String, MemoryMailbox> mailboxes = new ConcurrentHashMap<>();
    private final LockMode mode;
    private final String uidPrefix;

    /** @param mode how sessions of one user share the mailbox */
    public MemoryStore(LockMode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.uidPrefix = Long.toHexString(System.currentTimeMillis()) + ".";
    }

    /**
     * @param locking whether a second session of the same user gets {@code [IN-USE]}
     *     ({@link LockMode#EXCLUSIVE}) or not ({@link LockMode#OFF})
     */
    public MemoryStore(boolean locking) {
        this(LockMode.of(locking));
    }

    @Override
    public LockMode lockMode() {
        return mode;
    }

    /** The mailbox of {@code user}, created empty when it does not exist yet. */
    public MemoryMailbox mailbox(String user) {
        return mailboxes.computeIfAbsent(user, u -> new MemoryMailbox(uidPrefix));
    }

    /** Drops a user's mailbox with its messages. */
    public void remove(String user) {
        mailboxes.remove(user);
    }

    /** Drops every mailbox. */
    public void clear() {
        mailboxes.clear();
    }

    @Override
    public OpenResult open(Account account) {
        MemoryMailbox mailbox = mailbox(account.name());
        boolean locking = mode.locks();
        if (locking && !mailbox.tryLock()) {
            return new OpenResult.InUse();
        }
        return new OpenResult.Opened(new MemoryMaildrop(mailbox, locking));
    }
}
