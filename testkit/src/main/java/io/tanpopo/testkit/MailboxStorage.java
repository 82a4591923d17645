package io.tanpopo.testkit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Pop3Testkit} keeps its users' mail: in memory (the default), or in real maildirs
 * ({@code <root>/<user>/Maildir} with {@code tmp/}, {@code new/} and {@code cur/}) served by
 * tanpopo's maildir store, so a client's deletions really unlink files.
 */
public sealed interface MailboxStorage {

    /** In-memory mailboxes; UIDLs follow the profile's {@link UidStyle}. */
    static MailboxStorage memory() {
        return new Memory();
    }

    /** Maildirs in a temporary directory that the kit creates at start and deletes on close. */
    static MailboxStorage tempMaildir() {
        return new TempMaildir();
    }

    /** Maildirs under {@code root} (created if missing); kept on close, emptied by a reset. */
    static MailboxStorage maildir(Path root) {
        return new Maildir(root);
    }

    /** In-memory mailboxes. */
    record Memory() implements MailboxStorage {}

    /** Maildirs in a temporary directory owned by the kit. */
    record TempMaildir() implements MailboxStorage {}

    /**
     * Maildirs under a directory of the test's choosing.
     *
     * @param root the directory holding one {@code <user>/Maildir} per user
     */
    record Maildir(Path root) implements MailboxStorage {
        public Maildir {
            Objects.requireNonNull(root, "maildir root");
        }
    }
}
