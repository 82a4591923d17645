package io.tanpopo.auth.passwd;

/**
 * Cost parameters for new Argon2id hashes (RFC 9106). The defaults follow the OWASP password
 * storage recommendation (19 MiB, 2 passes, 1 lane).
 *
 * @param memoryKib memory in KiB, 8 × parallelism to 1 GiB
 * @param iterations passes over memory, 1–16
 * @param parallelism lanes, 1–16
 * @param saltLength salt bytes, 8–64
 * @param hashLength tag bytes, 16–64
 */
public record Argon2idParameters(int memoryKib, int iterations, int parallelism, int saltLength, int hashLength) {

    static final int MAX_MEMORY_KIB = 1 << 20;

    public Argon2idParameters {
        check(parallelism, 1, 16, "parallelism");
        check(memoryKib, 8 * parallelism, MAX_MEMORY_KIB, "memoryKib");
        check(iterations, 1, 16, "iterations");
        check(saltLength, 8, 64, "saltLength");
        check(hashLength, 16, 64, "hashLength");
    }

    /** m=19456, t=2, p=1, 16-byte salt, 32-byte hash. */
    public static Argon2idParameters defaults() {
        return new Argon2idParameters(19_456, 2, 1, 16, 32);
    }

    private static void check(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "argon2id " + name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
