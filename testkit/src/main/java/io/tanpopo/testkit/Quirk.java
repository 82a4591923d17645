package io.tanpopo.testkit;

/**
 * A known deviation of a real server from RFC 1939, reproduced on request so a client can be
 * tested against it. Quirks are opt-in: a profile lists its known quirks, and
 * {@link ServerProfile#withKnownQuirks()} or {@link ServerProfile#withQuirks} turns them on.
 */
public enum Quirk {
    /** qmail-pop3d: STAT counts messages marked deleted (and their octets). */
    STAT_COUNTS_DELETED,
    /** qmail-pop3d: LIST and STAT sizes are the LF file sizes, not the CRLF octets sent by RETR. */
    LF_SIZES,
    /**
     * Gmail's default POP mode: a message retrieved once is not offered to later sessions, as if
     * it had been deleted, once the session ends with QUIT.
     */
    RETRIEVED_GONE_AFTER_QUIT
}
