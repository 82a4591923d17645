package io.tanpopo.auth.passwd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MD5 crypt ({@code $1$}), Poul-Henning Kamp's FreeBSD algorithm as glibc {@code crypt(3)},
 * {@code openssl passwd -1}, Dovecot's {@code MD5-CRYPT} and postfixadmin's {@code md5crypt} write
 * it: 1000 fixed rounds of MD5 over the password and a salt of up to 8 characters. Read for
 * existing hashes only; nothing here writes new ones.
 */
final class Md5Crypt {

    static final int ROUNDS = 1000;

    private static final String MAGIC = "$1$";
    private static final int MAX_SALT = 8;
    private static final Pattern STORED = Pattern.compile("\\$1\\$([^$]{0,8})\\$([./0-9A-Za-z]{22})");
    /** The byte triples of the final digest, in the order the encoding takes them. */
    private static final int[][] GROUPS = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};

    /** Whether {@code stored} is a complete {@code $1$salt$hash} string. */
    boolean isWellFormed(String stored) {
        return STORED.matcher(stored).matches();
    }

    /** The salt octets of a well-formed stored hash; the rounds are fixed. */
    HashCost cost(String stored) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a $1$ hash");
        }
        int saltOctets = m.group(1).getBytes(StandardCharsets.UTF_8).length;
        return new HashCost(PasswordScheme.MD5_CRYPT, List.of(saltOctets), ROUNDS * HashCost.MD5_CRYPT_NANOS_PER_ROUND);
    }

    /** Checks {@code password} against a stored {@code $1$} hash, comparing in constant time. */
    boolean verify(byte[] password, String stored) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        byte[] computed = crypt(password, m.group(1)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(computed, stored.getBytes(StandardCharsets.US_ASCII));
    }

    /** Hashes {@code password} with {@code saltText} (cut to 8 characters) into {@code $1$salt$hash}. */
    String crypt(byte[] password, String saltText) {
        String salt = saltText.length() > MAX_SALT ? saltText.substring(0, MAX_SALT) : saltText;
        byte[] s = salt.getBytes(StandardCharsets.UTF_8);
        MessageDigest md = CryptEncoding.digest("MD5");
        md.update(password);
        md.update(s);
        md.update(password);
        byte[] alternate = md.digest();
        md.update(password);
        md.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        md.update(s);
        for (int left = password.length; left > 0; left -= 16) {
            md.update(alternate, 0, Math.min(left, 16));
        }
        // The original C code digests its zeroed buffer's first byte for a set bit, else the password's.
        for (int bits = password.length; bits != 0; bits >>>= 1) {
            md.update((bits & 1) != 0 ? (byte) 0 : password[0]);
        }
        byte[] digest = md.digest();
        for (int i = 0; i < ROUNDS; i++) {
            md.update((i & 1) != 0 ? password : digest);
            if (i % 3 != 0) {
                md.update(s);
            }
            if (i % 7 != 0) {
                md.update(password);
            }
            md.update((i & 1) != 0 ? digest : password);
            digest = md.digest();
        }
        Arrays.fill(alternate, (byte) 0);
        return MAGIC + salt + "$" + encode(digest);
    }

    private static String encode(byte[] h) {
        StringBuilder out = new StringBuilder(22);
        for (int[] g : GROUPS) {
            CryptEncoding.append(out, ((h[g[0]] & 0xff) << 16) | ((h[g[1]] & 0xff) << 8) | (h[g[2]] & 0xff), 4);
        }
        CryptEncoding.append(out, h[11] & 0xff, 2);
        return out.toString();
    }
}
