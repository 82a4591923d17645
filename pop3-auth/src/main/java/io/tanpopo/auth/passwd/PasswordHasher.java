package io.tanpopo.auth.passwd;

import io.tanpopo.auth.ScramCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Hashes new passwords (for the {@code hash-password} command) and verifies stored ones, for every
 * {@link PasswordScheme}. Thread-safe. Comparisons are constant-time.
 */
public final class PasswordHasher {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}");

    private final SecureRandom random;
    private final HashingParameters parameters;
    private final Sha512Crypt sha512Crypt = new Sha512Crypt();
    private final Argon2idHash argon2id = new Argon2idHash();
    private final Md5Crypt md5Crypt = new Md5Crypt();

    public PasswordHasher(SecureRandom random, HashingParameters parameters) {
        this.random = Objects.requireNonNull(random, "random");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Hashes {@code password} (UTF-8) with a fresh random salt and returns the {@code {SCHEME}value}
     * line part, for example {@code {BCRYPT}$2y$11$...}. The caller wipes {@code password}.
     *
     * @throws IllegalArgumentException for {@link PasswordScheme#MD5_CRYPT}, which is only read
     */
    public String hash(PasswordScheme scheme, byte[] password) {
        if (scheme == PasswordScheme.BCRYPT && password.length > 72) {
            throw new IllegalArgumentException("bcrypt passwords are limited to 72 bytes");
        }
        String value = switch (scheme) {
            case PLAIN -> new String(password, StandardCharsets.UTF_8);
            case BCRYPT -> OpenBSDBCrypt.generate("2y", password, randomBytes(16), parameters.bcryptCost());
            case ARGON2ID ->
                argon2id.hash(password, randomBytes(parameters.argon2id().saltLength()), parameters.argon2id());
            case SHA512_CRYPT -> sha512Crypt.crypt(password, sha512Setting());
            case MD5_CRYPT ->
                throw new IllegalArgumentException("MD5-CRYPT is read for existing hashes, never written");
            case SCRAM_SHA_256 -> scram(password, randomBytes(16), ScramSha256Field.DEFAULT_ITERATIONS);
        };
        return new StoredPassword(scheme, value).encoded();
    }

    /** Whether the stored value has its scheme's syntax and acceptable costs. */
    public boolean isWellFormed(StoredPassword stored) {
        String v = stored.value();
        return switch (stored.scheme()) {
            case PLAIN -> !v.isEmpty();
            case BCRYPT -> BCRYPT.matcher(v).matches() && bcryptCost(v) >= 4 && bcryptCost(v) <= 16;
            case ARGON2ID -> argon2id.isWellFormed(v);
            case SHA512_CRYPT -> sha512Crypt.isWellFormed(v);
            case MD5_CRYPT -> md5Crypt.isWellFormed(v);
            case SCRAM_SHA_256 -> ScramSha256Field.parse(v).isPresent();
        };
    }

    /** Checks {@code password} (UTF-8) against {@code stored}; malformed stored values never match. */
    public boolean verify(StoredPassword stored, byte[] password) {
        if (!isWellFormed(stored)) {
            return false;
        }
        String v = stored.value();
        return switch (stored.scheme()) {
            case PLAIN -> MessageDigest.isEqual(v.getBytes(StandardCharsets.UTF_8), password);
            // bcrypt only reads 72 bytes; BouncyCastle refuses longer passwords, which cannot match.
            case BCRYPT -> password.length <= 72 && OpenBSDBCrypt.checkPassword(v, password);
            case ARGON2ID -> argon2id.verify(password, v);
            case SHA512_CRYPT -> sha512Crypt.verify(password, v);
            case MD5_CRYPT -> md5Crypt.verify(password, v);
            case SCRAM_SHA_256 -> ScramSha256Field.parse(v).orElseThrow().matches(password);
        };
    }

    /**
     * What verifying against {@code stored} costs. A malformed value costs nothing: {@link #verify}
     * refuses it before hashing.
     */
    public HashCost cost(StoredPassword stored) {
        if (!isWellFormed(stored)) {
            return new HashCost(stored.scheme(), List.of(), 0);
        }
        String v = stored.value();
        return switch (stored.scheme()) {
            case PLAIN -> new HashCost(PasswordScheme.PLAIN, List.of(), 0);
            case BCRYPT ->
                new HashCost(
                        PasswordScheme.BCRYPT,
                        List.of(bcryptCost(v)),
                        (1L << bcryptCost(v)) * HashCost.BCRYPT_NANOS_PER_ROUND);
            case ARGON2ID -> argon2id.cost(v);
            case SHA512_CRYPT -> sha512Crypt.cost(v);
            case MD5_CRYPT -> md5Crypt.cost(v);
            case SCRAM_SHA_256 ->
                scramCost(ScramSha256Field.parse(v).orElseThrow().iterations());
        };
    }

    /**
     * A stored value of the same scheme and cost parameters as {@code model} (so verifying against
     * it costs the same), for a random password nobody knows and a fresh random salt. Costs one
     * hash; a password file makes one per reading, for its users' unknown-user path.
     */
    StoredPassword dummyLike(StoredPassword model) {
        byte[] secret = randomBytes(32);
        HashCost cost = cost(model);
        String value = switch (model.scheme()) {
            case PLAIN -> "\u0000" + HexFormat.of().formatHex(secret);
            case BCRYPT ->
                OpenBSDBCrypt.generate(
                        "2y", secret, randomBytes(16), cost.parameters().get(0));
            case ARGON2ID ->
                argon2id.hash(
                        secret,
                        randomBytes(cost.parameters().get(3)),
                        new Argon2idParameters(
                                cost.parameters().get(0),
                                cost.parameters().get(1),
                                cost.parameters().get(2),
                                cost.parameters().get(3),
                                cost.parameters().get(4)));
            case SHA512_CRYPT ->
                sha512Crypt.crypt(
                        secret,
                        sha512Setting(
                                cost.parameters().get(0),
                                cost.parameters().get(1),
                                sha512Crypt.hasRoundsField(model.value())));
            case MD5_CRYPT -> md5Crypt.crypt(secret, cryptSalt(cost.parameters().get(0)));
            case SCRAM_SHA_256 ->
                scram(secret, randomBytes(16), cost.parameters().get(0));
        };
        Arrays.fill(secret, (byte) 0);
        return new StoredPassword(model.scheme(), value);
    }

    private static String scram(byte[] password, byte[] salt, int iterations) {
        return ScramSha256Field.format(ScramCredentials.derive(password, salt, iterations));
    }

    private static HashCost scramCost(int iterations) {
        return new HashCost(
                PasswordScheme.SCRAM_SHA_256, List.of(iterations), iterations * ScramSha256Field.NANOS_PER_ITERATION);
    }

    private static int bcryptCost(String v) {
        return Integer.parseInt(v.substring(4, 6));
    }

    private String sha512Setting() {
        int rounds = parameters.sha512CryptRounds();
        return sha512Setting(rounds, 16, rounds != Sha512Crypt.DEFAULT_ROUNDS);
    }

    private String sha512Setting(int rounds, int saltLength, boolean roundsField) {
        return "$6$" + (roundsField ? "rounds=" + rounds + "$" : "") + cryptSalt(saltLength);
    }

    private String cryptSalt(int length) {
        StringBuilder salt = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            salt.append(CryptEncoding.ALPHABET.charAt(random.nextInt(CryptEncoding.ALPHABET.length())));
        }
        return salt.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
