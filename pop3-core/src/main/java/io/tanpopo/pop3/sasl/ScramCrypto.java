package io.tanpopo.pop3.sasl;

import io.tanpopo.auth.ScramCredentials;
import java.security.MessageDigest;
import java.util.Arrays;

/** The server's checks of RFC 5802 §3 with H = SHA-256 (RFC 7677), from StoredKey and ServerKey. */
final class ScramCrypto {

    private ScramCrypto() {}

    /** Hi(str, salt, i) of RFC 5802 §2.2. */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        return ScramCredentials.hi(password, salt, iterations);
    }

    /**
     * Checks a ClientProof: ClientKey = proof XOR HMAC(StoredKey, AuthMessage) must hash to StoredKey.
     * Constant-time.
     */
    static boolean verifyProof(byte[] storedKey, String authMessage, byte[] proof) {
        byte[] signature = ScramCredentials.hmac(storedKey, authMessage);
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

    /** ServerSignature = HMAC(ServerKey, AuthMessage). */
    static byte[] serverSignature(byte[] serverKey, String authMessage) {
        return ScramCredentials.hmac(serverKey, authMessage);
    }

    private static byte[] sha256(byte[] data) {
        return ScramCredentials.sha256(data);
    }
}
