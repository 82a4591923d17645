package io.tanpopo.testkit;

import io.tanpopo.auth.Account;
import io.tanpopo.store.CommitResult;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.store.OpenResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that counts the maildrops open per user, so the kit can tell whether a mailbox is held
 * without touching the store's own locks (probing a maildir's lock would take it for a moment).
 */
final class TrackingStore implements MailStore {

    private final MailStore delegate;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    TrackingStore(MailStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public OpenResult open(Account account) {
        OpenResult result = delegate.open(account);
        if (result instanceof OpenResult.Opened opened) {
            open.merge(account.name(), 1, Integer::sum);
            return new OpenResult.Opened(new Tracked(account.name(), opened.maildrop()));
        }
        return result;
    }

    @Override
    public LockMode lockMode() {
        return delegate.lockMode();
    }

    boolean isOpen(String user) {
        return open.getOrDefault(user, 0) > 0;
    }

    private final class Tracked implements Maildrop {
        private final String user;
        private final Maildrop maildrop;
        private final AtomicBoolean closed = new AtomicBoolean();

        Tracked(String user, Maildrop maildrop) {
            this.user = user;
            this.maildrop = maildrop;
        }

        @Override
        public List<MessageInfo> messages() {
            return maildrop.messages();
        }

        @Override
        public InputStream openMessage(int index) throws IOException {
            return maildrop.openMessage(index);
        }

        @Override
        public CommitResult commit(BitSet deleted, BitSet retrieved) {
            return maildrop.commit(deleted, retrieved);
        }

        @Override
        public void close() {
            try {
                maildrop.close();
            } finally {
                if (closed.compareAndSet(false, true)) {
                    open.computeIfPresent(user, (name, n) -> n > 1 ? n - 1 : null);
                }
            }
        }
    }
}
