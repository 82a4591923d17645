package io.tanpopo.auth.passwd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) in the PHC string format that the reference {@code argon2} tool, Dovecot
 * and libsodium write: {@code $argon2id$v=19$m=M,t=T,p=P$salt$hash}, unpadded base64.
 */
final class Argon2idHash {

    private static final Pattern PHC =
            Pattern.compile("\\$argon2id\\$v=19\\$m=([0-9]{1,8}),t=([0-9]{1,2}),p=([0-9]{1,2})"
                    + "\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");

    /** A parsed PHC string. */
    private record Parsed(Argon2idParameters parameters, byte[] salt, byte[] hash) {}

    boolean isWellFormed(String stored) {
        return parse(stored).isPresent();
    }

    /** The parameters of a well-formed PHC string and the work they ask for. */
    HashCost cost(String stored) {
        Argon2idParameters p = parse(stored)
                .orElseThrow(() -> new IllegalArgumentException("not a PHC string"))
                .parameters();
        return new HashCost(
                PasswordScheme.ARGON2ID,
                List.of(p.memoryKib(), p.iterations(), p.parallelism(), p.saltLength(), p.hashLength()),
                (long) p.memoryKib() * p.iterations() * HashCost.ARGON2ID_NANOS_PER_KIB_PASS);
    }

    /** Checks {@code password} against a PHC string, comparing in constant time. */
    boolean verify(byte[] password, String stored) {
        Optional<Parsed> parsed = parse(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed p = parsed.get();
        byte[] computed = derive(password, p.salt(), p.parameters());
        boolean equal = MessageDigest.isEqual(computed, p.hash());
        Arrays.fill(computed, (byte) 0);
        return equal;
    }

    /** Hashes {@code password} with {@code salt} into a PHC string. */
    String hash(byte[] password, byte[] salt, Argon2idParameters parameters) {
        byte[] tag = derive(password, salt, parameters);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(tag);
        Arrays.fill(tag, (byte) 0);
        return phc;
    }

    private static byte[] derive(byte[] password, byte[] salt, Argon2idParameters p) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[p.hashLength()];
        generator.generateBytes(password, out);
        return out;
    }

    private static Optional<Parsed> parse(String stored) {
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(m.group(4).getBytes(StandardCharsets.US_ASCII));
            byte[] hash = Base64.getDecoder().decode(m.group(5).getBytes(StandardCharsets.US_ASCII));
            Argon2idParameters parameters = new Argon2idParameters(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    salt.length,
                    hash.length);
            return Optional.of(new Parsed(parameters, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
