package io.tanpopo.store.maildir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The modifiers of Dovecot's {@code %} variables (Dovecot's {@code var-expand.c}, the letters
 * between the width and the variable, as in {@code %08Xu}), applied in the order written. Only
 * {@code H} and {@code N} use the width (as a modulus); they then clear it.
 */
enum VarModifier {
    LOWER('L'),
    UPPER('U'),
    ESCAPE('E'),
    HEX('X'),
    REVERSE('R'),
    HASH('H'),
    NEW_HASH('N'),
    MD5('M'),
    LDAP_DN('D'),
    TRIM('T');

    private final char key;

    VarModifier(char key) {
        this.key = key;
    }

    static Optional<VarModifier> of(char key) {
        for (VarModifier m : values()) {
            if (m.key == key) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The modified value; {@code spec}'s width and offset as the hash modifiers leave them. */
    String apply(String value, VarSpec spec) {
        return switch (this) {
            case LOWER -> value.toLowerCase(Locale.ROOT);
            case UPPER -> value.toUpperCase(Locale.ROOT);
            case ESCAPE -> value.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\'");
            case HEX -> Long.toHexString(unsignedOrZero(value)); // C's "%llx": lower case
            case REVERSE -> new StringBuilder(value).reverse().toString();
            case HASH -> hashed(Integer.toUnsignedLong(pjwHash(value)), spec);
            case NEW_HASH -> hashed(md5Prefix(value), spec);
            case MD5 -> HexFormat.of().formatHex(md5(value));
            case LDAP_DN -> value.replace(".", ",dc=");
            case TRIM -> value.stripTrailing();
        };
    }

    /** Dovecot's {@code str_to_ullong}: decimal digits only, else 0. */
    private static long unsignedOrZero(String value) {
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(value);
    }

    /** {@code H}: the width is a modulus, the offset a minimum length padded with zeros. */
    private static String hashed(long value, VarSpec spec) {
        long v = value;
        if (spec.width != 0) {
            v = Long.remainderUnsigned(v, spec.width & 0xFFFF_FFFFL);
            spec.width = 0;
        }
        StringBuilder hex = new StringBuilder(Long.toHexString(v & 0xFFFF_FFFFL));
        while (hex.length() < spec.offset) {
            hex.insert(0, '0');
        }
        spec.offset = 0;
        return hex.toString();
    }

    /** Dovecot's {@code str_hash}, the PJW hash over the bytes. */
    private static int pjwHash(String value) {
        int h = 0;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (b & 0xFF);
            int g = h & 0xF000_0000;
            if (g != 0) {
                h ^= g >>> 24;
                h ^= g;
            }
        }
        return h;
    }

    private static long md5Prefix(String value) {
        byte[] digest = md5(value);
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (digest[i] & 0xFF);
        }
        return v;
    }

    private static byte[] md5(String value) {
        try {
            return MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /** The mutable width and offset of one {@code %} expansion, as in Dovecot. */
    static final class VarSpec {
        int offset;
        int width;
        boolean zeroPadding;
    }
}
