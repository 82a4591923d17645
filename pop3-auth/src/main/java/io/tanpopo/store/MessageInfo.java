package io.tanpopo.store;

import java.util.Objects;

/**
 * One message of a maildrop snapshot.
 *
 * @param size the exact number of octets the message has on the wire in CRLF form, before
 *     dot-stuffing (RFC 1939 §5: LIST and STAT sizes); see {@link CrlfSize}
 * @param uid the unique-id listing of RFC 1939 §7: 1 to 70 characters in 0x21 to 0x7E, stable
 *     across sessions
 */
public record MessageInfo(long size, String uid) {

    public MessageInfo {
        Objects.requireNonNull(uid, "uid");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (!isValidUid(uid)) {
            throw new IllegalArgumentException("uid must be 1 to 70 characters in 0x21-0x7E: " + uid);
        }
    }

    /** Whether {@code uid} is a valid RFC 1939 unique-id. */
    public static boolean isValidUid(String uid) {
        if (uid.isEmpty() || uid.length() > 70) {
            return false;
        }
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
