package io.tanpopo.testkit;

import io.tanpopo.store.MessageInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One user's mailbox as the test kit seeds and inspects it, whatever the storage. */
interface UserMailbox {

    /** Adds a message with the chosen UIDL, or a generated one when empty; returns the UIDL. */
    String add(Optional<String> uid, byte[] message);

    /** The messages now stored, in message-number order. */
    List<MessageInfo> messages();

    /** The stored bytes of the message with {@code uid}. */
    byte[] content(String uid);

    /** Whether a session (or a held lock) has this mailbox open now. */
    boolean isLocked();

    /** Removes every message. */
    void clear();

    /** The maildir, when the mailbox is one. */
    Optional<Path> maildir();
}
