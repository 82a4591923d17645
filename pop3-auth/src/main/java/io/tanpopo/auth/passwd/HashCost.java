package io.tanpopo.auth.passwd;

import java.util.List;
import java.util.Objects;

/**
 * What verifying a password against a stored value costs: the scheme, the cost parameters that
 * decide the work (two values with equal {@code scheme} and {@code parameters} cost the same for
 * the same password), and an estimate of the work in nanoseconds on a current x86 core, used only
 * to rank values of different schemes.
 *
 * @param scheme the stored value's scheme
 * @param parameters SHA-512 crypt: rounds and salt length; bcrypt: cost; MD5 crypt: salt length; Argon2id: memory (KiB),
 *     passes, lanes, salt and tag length; {@code PLAIN}: none
 * @param work estimated nanoseconds per verification
 */
public record HashCost(PasswordScheme scheme, List<Integer> parameters, long work) {

    /*
     * Measured with this module's own code (JDK 17, BouncyCastle 1.87): SHA-512 crypt about 1.6 µs
     * per round, bcrypt about 64 µs per 2^cost, Argon2id about 1.6 µs per KiB per pass, MD5 crypt
     * about 0.4 µs per round.
     */
    static final long SHA512_CRYPT_NANOS_PER_ROUND = 1_600;
    static final long BCRYPT_NANOS_PER_ROUND = 64_000;
    static final long ARGON2ID_NANOS_PER_KIB_PASS = 1_600;
    static final long MD5_CRYPT_NANOS_PER_ROUND = 400;

    public HashCost {
        Objects.requireNonNull(scheme, "scheme");
        parameters = List.copyOf(parameters);
    }
}
