package io.tanpopo.testkit;

import io.tanpopo.store.MailStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** All users' mailboxes of one kit and the store the server reads them through. */
interface Mailboxes extends AutoCloseable {

    /** The mailboxes {@code settings} ask for; {@code host} names the server in generated names. */
    static Mailboxes of(TestkitSettings settings, Supplier<String> host) {
        ServerProfile profile = settings.profile();
        if (settings.storage() instanceof MailboxStorage.Maildir dir) {
            return MaildirMailboxes.under(dir.root(), profile.locksMaildrop(), host);
        }
        if (settings.storage() instanceof MailboxStorage.TempMaildir) {
            return MaildirMailboxes.temporary(profile.locksMaildrop(), host);
        }
        return new MemoryMailboxes(profile.locksMaildrop(), profile.uidStyle(), host);
    }

    /** The store to give the server (and the fault injector, which holds locks through it). */
    MailStore store();

    /** The mailbox of {@code user}, created on first use. */
    UserMailbox mailbox(String user);

    /** Removes {@code user}'s mailbox and its messages. */
    void remove(String user);

    /** Empties every mailbox. */
    void clear();

    /** The directory holding the maildirs, when the storage is maildirs. */
    Optional<Path> root();

    /** Releases the storage (a temporary maildir is deleted). */
    @Override
    void close();
}
