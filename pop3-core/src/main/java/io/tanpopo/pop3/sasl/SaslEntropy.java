package io.tanpopo.pop3.sasl;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** Where mechanisms get their nonces and salts; tests inject fixed values to replay RFC examples. */
public interface SaslEntropy {

    /** A fresh nonce of printable ASCII without {@code ,} (RFC 5802 §7 {@code printable}). */
    String nonce();

    /** A fresh salt. */
    byte[] salt();

    /** 18 random bytes as base64 for nonces, 16 for salts. */
    static SaslEntropy secure(SecureRandom random) {
        return secure(() -> random);
    }

    /** Like {@link #secure(SecureRandom)}, with the {@code SecureRandom} made at the first nonce or salt. */
    static SaslEntropy secureOnFirstUse() {
        return secure(new Supplier<>() {
            private SecureRandom random;

            @Override
            public synchronized SecureRandom get() {
                if (random == null) {
                    random = new SecureRandom();
                }
                return random;
            }
        });
    }

    private static SaslEntropy secure(Supplier<SecureRandom> random) {
        return new SaslEntropy() {
            @Override
            public String nonce() {
                byte[] bytes = new byte[18];
                random.get().nextBytes(bytes);
                return Base64.getEncoder().encodeToString(bytes);
            }

            @Override
            public byte[] salt() {
                byte[] bytes = new byte[16];
                random.get().nextBytes(bytes);
                return bytes;
            }
        };
    }
}
