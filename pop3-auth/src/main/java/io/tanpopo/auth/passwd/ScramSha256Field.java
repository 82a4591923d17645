package io.tanpopo.auth.passwd;

import io.tanpopo.auth.ScramCredentials;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dovecot's {@code {SCRAM-SHA-256}} value, as {@code doveadm pw -s SCRAM-SHA-256} writes it:
 * {@code iterations,base64(salt),base64(StoredKey),base64(ServerKey)}. The count must lie within
 * {@link ScramCredentials}' bounds, the salt decode to 1 to 64 bytes and both keys to 32.
 */
final class ScramSha256Field {

    /** Dovecot's default and RFC 7677's minimum. */
    static final int DEFAULT_ITERATIONS = 4096;
    /** Nanoseconds per PBKDF2-HMAC-SHA-256 iteration (two HMACs): an estimate, for ranking only. */
    static final long NANOS_PER_ITERATION = 1_000;

    private static final Pattern FORM =
            Pattern.compile("[0-9]{1,7},[A-Za-z0-9+/]{4,88}={0,2},[A-Za-z0-9+/]{43}=,[A-Za-z0-9+/]{43}=");

    private ScramSha256Field() {}

    /** The credentials in {@code value}, or empty when it is malformed or out of bounds. */
    static Optional<ScramCredentials> parse(String value) {
        if (!FORM.matcher(value).matches()) {
            return Optional.empty();
        }
        String[] parts = value.split(",", -1);
        Base64.Decoder base64 = Base64.getDecoder();
        try {
            return Optional.of(new ScramCredentials(
                    Integer.parseInt(parts[0]),
                    base64.decode(parts[1]),
                    base64.decode(parts[2]),
                    base64.decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The value for {@code credentials}, in Dovecot's text. */
    static String format(ScramCredentials credentials) {
        Base64.Encoder base64 = Base64.getEncoder();
        return credentials.iterations() + "," + base64.encodeToString(credentials.salt()) + ","
                + base64.encodeToString(credentials.storedKey()) + ","
                + base64.encodeToString(credentials.serverKey());
    }
}
