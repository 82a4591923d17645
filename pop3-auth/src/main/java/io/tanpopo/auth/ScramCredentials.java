package io.tanpopo.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a SCRAM-SHA-256 server keeps instead of the password (RFC 5802 §3): the salt and iteration
 * count of SaltedPassword = Hi(password, salt, i), StoredKey = H(HMAC(SaltedPassword, "Client Key"))
 * and ServerKey = HMAC(SaltedPassword, "Server Key").
 *
 * @param iterations the PBKDF2 iteration count
 * @param salt the salt
 * @param storedKey StoredKey, 32 bytes
 * @param serverKey ServerKey, 32 bytes
 */
public record ScramCredentials(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    /** The fewest iterations accepted; RFC 7677 §4 asks for at least 4096. */
    public static final int MIN_ITERATIONS = 4096;
    /** The most iterations accepted, so that a stored value cannot make one login cost minutes. */
    public static final int MAX_ITERATIONS = 1_000_000;
    /** The length of StoredKey and ServerKey: one SHA-256 output. */
    public static final int KEY_LENGTH = 32;

    public ScramCredentials {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "SCRAM iterations must be " + MIN_ITERATIONS + " to " + MAX_ITERATIONS + ", not " + iterations);
        }
        if (salt.length < 1 || salt.length > 64) {
            throw new IllegalArgumentException("SCRAM salt must be 1 to 64 bytes");
        }
        if (storedKey.length != KEY_LENGTH || serverKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("SCRAM StoredKey and ServerKey must be " + KEY_LENGTH + " bytes");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** The credentials of {@code password} (UTF-8 bytes) with this salt and iteration count. */
    public static ScramCredentials derive(byte[] password, byte[] salt, int iterations) {
        byte[] salted = hi(password, salt, iterations);
        try {
            return fromSaltedPassword(iterations, salt, salted);
        } finally {
            Arrays.fill(salted, (byte) 0);
        }
    }

    /** StoredKey and ServerKey from SaltedPassword (RFC 5802 §3). */
    public static ScramCredentials fromSaltedPassword(int iterations, byte[] salt, byte[] saltedPassword) {
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = sha256(clientKey);
        Arrays.fill(clientKey, (byte) 0);
        return new ScramCredentials(iterations, salt, storedKey, hmac(saltedPassword, "Server Key"));
    }

    /**
     * Hi(str, salt, i) of RFC 5802 §2.2: PBKDF2 with HMAC-SHA-256 and one output block, on the
     * password's bytes.
     */
    public static byte[] hi(byte[] password, byte[] salt, int iterations) {
        Mac mac = mac(password);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    /** HMAC-SHA-256 of {@code text} (UTF-8) under {@code key}. */
    public static byte[] hmac(byte[] key, String text) {
        return mac(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code data}. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Whether {@code password} (UTF-8) is the one these credentials were made from: derives
     * SaltedPassword with the stored salt and count and compares H(ClientKey) with StoredKey in
     * constant time.
     */
    public boolean matches(byte[] password) {
        byte[] salted = hi(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        Arrays.fill(salted, (byte) 0);
        boolean equal = MessageDigest.isEqual(sha256(clientKey), storedKey);
        Arrays.fill(clientKey, (byte) 0);
        return equal;
    }

    /** The salt, base64 as SCRAM's server-first-message carries it. */
    public String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramCredentials o
                && iterations == o.iterations
                && Arrays.equals(salt, o.salt)
                && Arrays.equals(storedKey, o.storedKey)
                && Arrays.equals(serverKey, o.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty key is legal HMAC but SecretKeySpec refuses it; HMAC pads keys with zeros anyway.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "ScramCredentials[iterations=" + iterations + ", keys=(masked)]";
    }
}
