package io.tanpopo.pop3;

import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.memory.MemoryMailbox;
import io.tanpopo.store.memory.MemoryStore;

/**
 * Users and mail kept in memory and given to a server through the backend SPI, as an embedder
 * does: a test seeds and inspects them here, while the server runs, never through the server.
 */
public final class MemoryBackend {

    private final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    private final MemoryStore store;

    /** Maildrops locked as the server's default store does ({@link LockMode#TAKEOVER}). */
    public MemoryBackend() {
        this(LockMode.TAKEOVER);
    }

    public MemoryBackend(LockMode lock) {
        this.store = new MemoryStore(lock);
    }

    /** A server builder that uses these users and this store. */
    public Pop3ServerBuilder builder() {
        return Pop3Server.builder().authenticator(users).store(store);
    }

    /** Adds a user (or changes a password), also while a server runs. */
    public MemoryBackend user(String name, String password) {
        users.put(name, password);
        return this;
    }

    public boolean removeUser(String name) {
        return users.remove(name);
    }

    /** The mailbox of {@code user}, made on first use, to seed and inspect. */
    public MemoryMailbox mailbox(String user) {
        return store.mailbox(user);
    }

    public StaticUsersAuthenticator users() {
        return users;
    }

    public MemoryStore store() {
        return store;
    }
}
