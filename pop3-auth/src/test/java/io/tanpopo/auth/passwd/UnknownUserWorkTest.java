package io.tanpopo.auth.passwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.testsupport.MutableClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enumeration by timing: an unknown user must cost what the file's users cost. The
 * structural tests count the hash work through the authenticator's verifier (scheme, cost
 * parameters, estimated work of every verification); the medians test times the real code.
 */
class UnknownUserWorkTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final PasswordHasher hasher = new PasswordHasher(
            new SecureRandom(), new HashingParameters(10, 5000, new Argon2idParameters(1024, 1, 1, 16, 32)));
    /** Every verification the authenticator asked for, in order. */
    private final List<HashCost> work = new ArrayList<>();

    @Test
    void unknownUser_hashesLikeTheCostliestEntry_notTheFirstHashedOne() throws IOException {
        String sha = hasher.hash(PasswordScheme.SHA512_CRYPT, bytes("s-pass"));
        String bcrypt = hasher.hash(PasswordScheme.BCRYPT, bytes("b-pass"));
        PasswdFileAuthenticator auth =
                counting(write("p1:{PLAIN}x\nsha:" + sha + "\np2:{PLAIN}y\nbc:" + bcrypt + "\n"));
        HashCost costliest = hasher.cost(StoredPassword.parse(bcrypt));

        assertThat(auth.authenticate(request("nobody", "b-pass"))).isInstanceOf(AuthResult.Rejected.class);

        assertThat(work).containsExactly(costliest);
        assertThat(costliest.scheme()).isEqualTo(PasswordScheme.BCRYPT);
        assertThat(costliest.parameters()).containsExactly(10);
    }

    @Test
    void everyKnownUser_andAnUnknownOne_doTheCostliestWork() throws IOException {
        String sha = hasher.hash(PasswordScheme.SHA512_CRYPT, bytes("s-pass"));
        String argon = hasher.hash(PasswordScheme.ARGON2ID, bytes("a-pass"));
        String slowSha = new PasswordHasher(
                        new SecureRandom(), new HashingParameters(10, 40_000, Argon2idParameters.defaults()))
                .hash(PasswordScheme.SHA512_CRYPT, bytes("t-pass"));
        PasswdFileAuthenticator auth =
                counting(write("plain:{PLAIN}p-pass\nsha:" + sha + "\nargon:" + argon + "\nslow:" + slowSha + "\n"));
        HashCost costliest = hasher.cost(StoredPassword.parse(slowSha));
        assertThat(costliest.parameters()).containsExactly(40_000, 16);

        for (String user : List.of("plain", "sha", "argon", "slow", "nobody")) {
            work.clear();
            auth.authenticate(request(user, "wrong"));
            assertThat(work).as(user).contains(costliest);
            // The costliest work once, plus a cheaper user's own (less than the costliest).
            assertThat(work.stream().mapToLong(HashCost::work).sum())
                    .as(user)
                    .isGreaterThanOrEqualTo(costliest.work())
                    .isLessThan(2 * costliest.work());
        }
        work.clear();
        assertThat(auth.authenticate(request("plain", "p-pass"))).isInstanceOf(AuthResult.Accepted.class);
        assertThat(work).containsExactly(hasher.cost(new StoredPassword(PasswordScheme.PLAIN, "p-pass")), costliest);
    }

    @Test
    void dummy_isMadeOncePerReading_andIsNoUsersHash() throws IOException {
        String sha = hasher.hash(PasswordScheme.SHA512_CRYPT, bytes("s-pass"));
        Path file = write("sha:" + sha + "\n");
        PasswdFileAuthenticator auth = counting(file);
        StoredPassword dummy = auth.dummy();
        auth.authenticate(request("nobody", "s-pass"));
        auth.authenticate(request("nobody2", "s-pass"));
        assertThat(auth.dummy()).isSameAs(dummy).isNotEqualTo(StoredPassword.parse(sha));
        assertThat(hasher.verify(dummy, bytes("s-pass"))).isFalse();

        String bcrypt = hasher.hash(PasswordScheme.BCRYPT, bytes("b-pass"));
        Files.writeString(file, "sha:" + sha + "\nbc:" + bcrypt + "\n");
        Files.setLastModifiedTime(
                file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        clock.advance(Duration.ofSeconds(2));
        assertThat(hasher.cost(auth.dummy())).isEqualTo(hasher.cost(StoredPassword.parse(bcrypt)));
    }

    @Test
    void plainOnlyFile_costsNothingExtra() throws IOException {
        PasswdFileAuthenticator auth = counting(write("a:{PLAIN}x\nb:{PLAIN}y\n"));
        auth.authenticate(request("a", "x"));
        auth.authenticate(request("nobody", "x"));
        assertThat(work).extracting(HashCost::work).containsExactly(0L, 0L);
    }

    /**
     * The black-box case: 100,000 {@code {PLAIN}} users and one SHA-512 crypt user. Medians
     * of interleaved attempts, so a noisy machine slows all three alike; the bound (a factor of 3)
     * is far from both the fixed ratio (about 1) and the old one (hundreds: a PLAIN user cost
     * microseconds, an unknown one a whole SHA-512 crypt plus a scan of the file).
     */
    @Test
    void medians_plainUser_hashedUser_unknownUser_takeAlike() throws IOException {
        StringBuilder file = new StringBuilder(3_000_000);
        for (int i = 0; i < 100_000; i++) {
            file.append("user").append(i).append(":{PLAIN}pw").append(i).append('\n');
        }
        file.append("crypt:")
                .append(hasher.hash(PasswordScheme.SHA512_CRYPT, bytes("c-pass")))
                .append('\n');
        PasswdFileAuthenticator auth = new PasswdFileAuthenticator(
                new PasswdFileConfig(write(file.toString()), Duration.ofHours(1), 16L << 20), clock, hasher);
        String[] users = {"user500", "crypt", "nobody"};
        long[][] nanos = new long[users.length][31];
        for (int round = -5; round < nanos[0].length; round++) {
            for (int u = 0; u < users.length; u++) {
                // The thread's own CPU time, not the wall clock: on two shared cores the wall clock
                // measures the neighbours as much as the hashing (this flaked at load 25).
                long start = THREADS.getCurrentThreadCpuTime();
                auth.authenticate(request(users[u], "wrong"));
                if (round >= 0) {
                    nanos[u][round] = THREADS.getCurrentThreadCpuTime() - start;
                }
            }
        }
        long plain = median(nanos[0]);
        long crypt = median(nanos[1]);
        long unknown = median(nanos[2]);
        assertThat((double) unknown / plain)
                .as("unknown %d ns / plain user %d ns", unknown, plain)
                .isBetween(1 / 3.0, 3.0);
        assertThat((double) unknown / crypt)
                .as("unknown %d ns / crypt user %d ns", unknown, crypt)
                .isBetween(1 / 3.0, 3.0);
    }

    private PasswdFileAuthenticator counting(Path file) {
        return new PasswdFileAuthenticator(PasswdFileConfig.of(file), clock, hasher, (stored, password) -> {
            work.add(hasher.cost(stored));
            return hasher.verify(stored, password);
        });
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "passwd", "");
        Files.writeString(file, content);
        return file;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LoginRequest request(String user, String password) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 110);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
        ConnectionInfo connection = new ConnectionInfo(local, remote, "mail.test", Optional.empty(), false, Map.of());
        return new LoginRequest(user, bytes(password), "<1.2@mail.test>", connection);
    }
}
