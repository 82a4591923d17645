package io.tanpopo.pop3.session;

/**
 * What the protocol needs of a transport (a MINA session, or standard input and output). All
 * methods may be called from any thread.
 */
public interface Connection {

    /** Queues {@code chunk} for writing; {@code onWritten}, if not null, runs once it left (or failed). */
    void write(byte[] chunk, Runnable onWritten);

    /**
     * Queues the remaining octets of {@code chunk}, copying them: the caller may reuse
     * {@code chunk} as soon as this returns.
     */
    default void write(java.nio.ByteBuffer chunk, Runnable onWritten) {
        byte[] copy = new byte[chunk.remaining()];
        chunk.get(copy);
        write(copy, onWritten);
    }

    /** Octets queued but not yet written, for flow control. */
    long queuedBytes();

    /** Stops reading from the client until {@link #resumeInput()}. */
    void suspendInput();

    void resumeInput();

    /**
     * The session logged in. Before login a transport keeps its I/O buffers small, bounding what
     * an unauthenticated client can make the server hold; from now on it may use larger ones
     * (the MINA transport: reads, and with them the octets written per flush, of 64 KB, not 8 KB).
     */
    default void loggedIn() {}

    /**
     * Puts TLS on the connection (RFC 2595 §4): from now on incoming bytes go to the handshake;
     * then writes {@code reply} (the STLS {@code +OK}) unencrypted, and calls {@code onWritten}.
     * The transport reports the finished handshake with {@link SessionDriver#tlsEstablished()}.
     */
    void startTls(byte[] reply, Runnable onWritten);

    /** Closes the connection after what was queued is written. */
    void close();

    /** Closes the connection at once, dropping whatever is still queued (a client that stopped reading). */
    default void abort() {
        close();
    }
}
