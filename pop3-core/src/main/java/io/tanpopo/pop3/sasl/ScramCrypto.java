package io.tanpopo.pop3.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SCRAM-SHA-256 functions of RFC 5802 §2.2 and §3 with H = SHA-256 (RFC 7677). */
final class ScramCrypto {

    private ScramCrypto() {}

    /** Hi(str, salt, i): PBKDF2 with HMAC-SHA-256 and one output block, on bytes (no char[] detour). */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
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

    static byte[] hmac(byte[] key, String text) {
        return mac(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Checks a ClientProof: ClientKey = proof XOR HMAC(StoredKey, AuthMessage) must hash to StoredKey.
     * Constant-time.
     */
    static boolean verifyProof(byte[] saltedPassword, String authMessage, byte[] proof) {
        byte[] storedKey = sha256(hmac(saltedPassword, "Client Key"));
        byte[] signature = hmac(storedKey, authMessage);
        if (proof.length != signature.length) {
            return false;
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        boolean ok = MessageDigest.isEqual(sha256(clientKey), storedKey);
        Arrays.fill(clientKey, (byte) 0);
        return ok;
    }

    /** ServerSignature = HMAC(HMAC(SaltedPassword, "Server Key"), AuthMessage). */
    static byte[] serverSignature(byte[] saltedPassword, String authMessage) {
        return hmac(hmac(saltedPassword, "Server Key"), authMessage);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
