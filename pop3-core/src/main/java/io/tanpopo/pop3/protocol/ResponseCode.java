package io.tanpopo.pop3.protocol;

/** The extended response codes tanpopo sends, as defined by RFC 2449 §8 and RFC 3206. */
public enum ResponseCode {
    /** RFC 3206 §4: the credentials were wrong (never "no such user"). */
    AUTH("AUTH"),
    /** RFC 3206 §5: a temporary failure; the client may try again later. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 §5: a permanent failure that needs an administrator. */
    SYS_PERM("SYS/PERM"),
    /** RFC 2449 §8.1.1: another session holds the maildrop. */
    IN_USE("IN-USE"),
    /** RFC 2449 §8.1.2: the user logged in again too soon. */
    LOGIN_DELAY("LOGIN-DELAY");

    private final String wire;

    ResponseCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears between brackets on the wire. */
    public String wire() {
        return wire;
    }
}
