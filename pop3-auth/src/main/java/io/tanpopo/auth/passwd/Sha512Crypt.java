package io.tanpopo.auth.passwd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SHA-512 crypt ({@code $6$}) as specified by Ulrich Drepper, "Unix crypt using SHA-256 and
 * SHA-512" (the algorithm of glibc {@code crypt(3)}), on the JDK's SHA-512.
 */
final class Sha512Crypt {

    static final int DEFAULT_ROUNDS = 5000;
    static final int MIN_ROUNDS = 1000;
    /** The spec allows 999,999,999; we refuse stored hashes above this so a file cannot stall logins. */
    static final int MAX_ROUNDS = 1_000_000;

    private static final int MAX_SALT = 16;
    private static final Pattern STORED =
            Pattern.compile("\\$6\\$(?:rounds=([0-9]{1,9})\\$)?([^$]{0,16})\\$([./0-9A-Za-z]{86})");
    private static final Pattern SETTING = Pattern.compile("\\$6\\$(?:rounds=([0-9]{1,9})\\$)?([^$]*)(?:\\$.*)?");

    /** Whether {@code stored} is a complete {@code $6$} hash whose rounds we accept. */
    boolean isWellFormed(String stored) {
        Matcher m = STORED.matcher(stored);
        return m.matches() && (m.group(1) == null || Integer.parseInt(m.group(1)) <= MAX_ROUNDS);
    }

    /** The rounds (as {@link #crypt} clamps them) and salt octets of a well-formed stored hash. */
    HashCost cost(String stored) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a $6$ hash");
        }
        int rounds = m.group(1) == null ? DEFAULT_ROUNDS : Math.max(MIN_ROUNDS, Integer.parseInt(m.group(1)));
        int saltOctets = m.group(2).getBytes(StandardCharsets.UTF_8).length;
        return new HashCost(
                PasswordScheme.SHA512_CRYPT,
                List.of(rounds, saltOctets),
                rounds * HashCost.SHA512_CRYPT_NANOS_PER_ROUND);
    }

    /** Whether the stored hash spells out its rounds ({@code rounds=N$}), which the digest covers. */
    boolean hasRoundsField(String stored) {
        return stored.startsWith("$6$rounds=");
    }

    /** Checks {@code password} against a stored {@code $6$} hash, comparing in constant time. */
    boolean verify(byte[] password, String stored) {
        if (!isWellFormed(stored)) {
            return false;
        }
        byte[] computed = crypt(password, stored).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(computed, stored.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Hashes {@code password} with the salt and rounds of {@code setting} ({@code $6$[rounds=N$]salt[$...]}).
     * As the spec says, the salt is cut to 16 characters and rounds are clamped to [1000, 999999999].
     */
    String crypt(byte[] password, String setting) {
        Matcher m = SETTING.matcher(setting);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a $6$ setting");
        }
        boolean customRounds = m.group(1) != null;
        int rounds = customRounds ? Math.max(MIN_ROUNDS, Integer.parseInt(m.group(1))) : DEFAULT_ROUNDS;
        String saltText = m.group(2).length() > MAX_SALT ? m.group(2).substring(0, MAX_SALT) : m.group(2);
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        byte[] hash = hash(password, salt, rounds);
        String prefix = "$6$" + (customRounds ? "rounds=" + rounds + "$" : "");
        return prefix + saltText + "$" + encode(hash);
    }

    private static byte[] hash(byte[] pw, byte[] salt, int rounds) {
        MessageDigest md = CryptEncoding.digest("SHA-512");
        md.update(pw);
        md.update(salt);
        md.update(pw);
        byte[] b = md.digest();
        md.update(pw);
        md.update(salt);
        for (int cnt = pw.length; cnt > 0; cnt -= 64) {
            md.update(b, 0, Math.min(cnt, 64));
        }
        for (int cnt = pw.length; cnt > 0; cnt >>= 1) {
            md.update((cnt & 1) != 0 ? b : pw);
        }
        byte[] c = md.digest();
        byte[] p = repeatDigest(md, pw, pw.length, pw.length);
        byte[] s = repeatDigest(md, salt, 16 + (c[0] & 0xff), salt.length);
        for (int i = 0; i < rounds; i++) {
            md.update((i & 1) != 0 ? p : c);
            if (i % 3 != 0) {
                md.update(s);
            }
            if (i % 7 != 0) {
                md.update(p);
            }
            md.update((i & 1) != 0 ? c : p);
            c = md.digest();
        }
        Arrays.fill(p, (byte) 0);
        return c;
    }

    /** Steps P and S of the spec: digest {@code times} copies of {@code input}, stretch to {@code length}. */
    private static byte[] repeatDigest(MessageDigest md, byte[] input, int times, int length) {
        for (int i = 0; i < times; i++) {
            md.update(input);
        }
        byte[] digest = md.digest();
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % digest.length];
        }
        Arrays.fill(digest, (byte) 0);
        return out;
    }

    /** The spec's byte order: groups (i, i+21, i+42) rotated by i mod 3, then byte 63 alone. */
    private static String encode(byte[] h) {
        StringBuilder out = new StringBuilder(86);
        for (int i = 0; i < 21; i++) {
            int[] idx = {i, i + 21, i + 42};
            int r = i % 3;
            int b2 = h[idx[r]] & 0xff;
            int b1 = h[idx[(r + 1) % 3]] & 0xff;
            int b0 = h[idx[(r + 2) % 3]] & 0xff;
            CryptEncoding.append(out, (b2 << 16) | (b1 << 8) | b0, 4);
        }
        CryptEncoding.append(out, h[63] & 0xff, 2);
        return out.toString();
    }
}
