package io.tanpopo.auth.passwd;

import java.util.Objects;

/**
 * Cost settings for passwords that {@link PasswordHasher} hashes.
 *
 * @param bcryptCost log2 of bcrypt's rounds, 10–14 (default 11)
 * @param sha512CryptRounds SHA-512 crypt rounds, 5000–1,000,000 (default 5000, the glibc default,
 *     written without a {@code rounds=} field)
 * @param argon2id Argon2id costs (default {@link Argon2idParameters#defaults()})
 */
public record HashingParameters(int bcryptCost, int sha512CryptRounds, Argon2idParameters argon2id) {

    public HashingParameters {
        Objects.requireNonNull(argon2id, "argon2id");
        if (bcryptCost < 10 || bcryptCost > 14) {
            throw new IllegalArgumentException("bcrypt cost must be in [10, 14], was " + bcryptCost);
        }
        if (sha512CryptRounds < Sha512Crypt.DEFAULT_ROUNDS || sha512CryptRounds > Sha512Crypt.MAX_ROUNDS) {
            throw new IllegalArgumentException(
                    "SHA-512 crypt rounds must be in [5000, 1000000], was " + sha512CryptRounds);
        }
    }

    public static HashingParameters defaults() {
        return new HashingParameters(11, Sha512Crypt.DEFAULT_ROUNDS, Argon2idParameters.defaults());
    }
}
