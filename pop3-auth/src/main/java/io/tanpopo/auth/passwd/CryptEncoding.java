package io.tanpopo.auth.passwd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What the {@code crypt(3)} schemes share: their base-64 alphabet and order, and the JDK's digests. */
final class CryptEncoding {

    /** The crypt alphabet, for salts and hashes. */
    static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private CryptEncoding() {}

    /** Appends the low {@code 6 * n} bits of {@code w}, six at a time, least significant first. */
    static void append(StringBuilder out, int w, int n) {
        int bits = w;
        for (int i = 0; i < n; i++) {
            out.append(ALPHABET.charAt(bits & 0x3f));
            bits >>>= 6;
        }
    }

    /** A digest every JDK has (MD5, SHA-512). */
    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
