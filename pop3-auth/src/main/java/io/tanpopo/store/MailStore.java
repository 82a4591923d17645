package io.tanpopo.store;

import io.tanpopo.auth.Account;

/**
 * Opens users' maildrops.
 *
 * <p>Called from a worker thread right after a successful login, never from an I/O thread; may
 * block. Implementations are thread-safe. A store that locks (RFC 1939 §8: "exclusive-access lock
 * on the maildrop") answers a second open of the same maildrop with {@link OpenResult.InUse} until
 * the first is closed.
 */
public interface MailStore {

    /** Opens {@code account}'s maildrop and takes the session's snapshot. */
    OpenResult open(Account account);

    /**
     * How this store shares a maildrop between sessions. With {@link LockMode#TAKEOVER} the
     * protocol ends an older session of the same user after a new login and opens again once the
     * older one released its maildrop; the store itself locks as with {@link LockMode#EXCLUSIVE}.
     * Default {@link LockMode#EXCLUSIVE}: a store that does not say is left to answer for itself.
     */
    default LockMode lockMode() {
        return LockMode.EXCLUSIVE;
    }
}
