package io.tanpopo.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;
import java.util.List;

/**
 * One user's maildrop as a POP3 session sees it: a snapshot taken when it was opened, which does
 * not change during the session (RFC 1939 §4: message numbers are fixed for the session).
 *
 * <p>Call order: {@link MailStore#open} → any number of {@link #messages} and
 * {@link #openMessage} → at most one {@link #commit} (only on QUIT in the TRANSACTION state) →
 * {@link #close}, always, exactly once. Closing without committing changes nothing: a dropped
 * connection or a timeout deletes no mail. Implementations must be safe when {@code close} comes
 * from another thread than the earlier calls, but calls for one maildrop never overlap.
 */
public interface Maildrop extends AutoCloseable {

    /** The snapshot, in message-number order (index 0 is message 1). Never changes. */
    List<MessageInfo> messages();

    /**
     * Opens message {@code index} (0-based) as stored: the caller converts line endings to CRLF and
     * dot-stuffs, so a store may return bare LF. The caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when the message vanished since the snapshot
     * @throws IOException when it cannot be read
     */
    InputStream openMessage(int index) throws IOException;

    /**
     * Enters the UPDATE state (RFC 1939 §6): removes the messages whose indexes are set in
     * {@code deleted}. {@code retrieved} tells which messages the client read (RETR or TOP), for
     * stores that mark them seen. Messages delivered since the snapshot are never touched.
     */
    CommitResult commit(BitSet deleted, BitSet retrieved);

    /** Releases the maildrop (and its lock). Without a {@link #commit} before, nothing changed. */
    @Override
    void close();
}
