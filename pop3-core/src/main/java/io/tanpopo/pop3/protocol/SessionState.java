package io.tanpopo.pop3.protocol;

/** The POP3 session states of RFC 1939 §3. UPDATE is entered and left inside QUIT. */
public enum SessionState {
    AUTHORIZATION,
    TRANSACTION,
    /** The session ended (QUIT answered, or the connection closed). No command is accepted. */
    CLOSED
}
