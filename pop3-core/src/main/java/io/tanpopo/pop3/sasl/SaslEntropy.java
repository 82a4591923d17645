package io.tanpopo.pop3.sasl;

import java.security.SecureRandom;
import java.util.Base64;

/** Where mechanisms get their nonces and salts; tests inject fixed values to replay RFC examples. */
public interface SaslEntropy {

    /** A fresh nonce of printable ASCII without {@code ,} (RFC 5802 §7 {@code printable}). */
    String nonce();

    /** A fresh salt. */
    byte[] salt();

    /** 18 random bytes as base64 for nonces, 16 for salts. */
    static SaslEntropy secure(SecureRandom random) {
        return new SaslEntropy() {
            @Override
            public String nonce() {
                byte[] bytes = new byte[18];
                random.nextBytes(bytes);
                return Base64.getEncoder().encodeToString(bytes);
            }

            @Override
            public byte[] salt() {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                return bytes;
            }
        };
    }
}
