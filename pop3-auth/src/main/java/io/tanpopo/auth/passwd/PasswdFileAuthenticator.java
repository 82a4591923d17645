package io.tanpopo.auth.passwd;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.SecretResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users from a password file (see {@link PasswdFileParser} for the format).
 *
 * <p>The file is read when the authenticator is created, which fails if it cannot be read. Later,
 * at most once per {@link PasswdFileConfig#recheckInterval()}, its modification time and size are
 * compared and the file re-read when they changed; if a re-read fails (missing, too big, I/O
 * error) the previous users stay in force and the failure is logged. Skipped lines are logged
 * with their numbers at WARN.
 *
 * <p>Every attempt does at least the hash work of the file's costliest entry: an unknown user is
 * verified against a dummy made once per reading with that entry's scheme and cost parameters, and
 * a user whose own hash is cheaper (a {@code {PLAIN}} one among hashed ones) is verified against
 * the dummy too, so neither the time nor the reply tells which names exist.
 *
 * <p>{@link #providesSecrets()} is {@code true} while at least one user has a {@code {PLAIN}}
 * password, {@link #providesScramKeys()} while at least one has {@code {SCRAM-SHA-256}}: the server
 * offers APOP, CRAM-MD5 and SCRAM from those, and {@link #secret} answers every other user (one-way
 * hashes) as {@link SecretResult.Unknown}, so in a file being migrated those users get the answer of
 * a wrong password from those mechanisms rather than switching them off for everybody.
 */
public final class PasswdFileAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PasswdFileAuthenticator.class);

    /**
     * One successful reading of the file, with the dummy that unknown users are verified against:
     * made once per reading in the image of the costliest entry ({@link PasswdTable#costliest}).
     */
    private record Snapshot(PasswdTable table, EqualWork.Dummy dummy, FileTime modified, long size, Instant checked) {

        Snapshot checkedAt(Instant now) {
            return new Snapshot(table, dummy, modified, size, now);
        }
    }

    private final PasswdFileConfig config;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final PasswdFileParser parser;
    private final EqualWork equalWork;
    private volatile Snapshot current;

    /**
     * @throws IllegalArgumentException naming {@code auth.passwd-file} when the file cannot be read
     */
    public PasswdFileAuthenticator(PasswdFileConfig config, Clock clock, PasswordHasher hasher) {
        this(config, clock, hasher, hasher::verify);
    }

    /** With every verification going through {@code verifier} (tests count the hash work with it). */
    PasswdFileAuthenticator(
            PasswdFileConfig config, Clock clock, PasswordHasher hasher, BiPredicate<StoredPassword, byte[]> verifier) {
        this.equalWork = new EqualWork(hasher, verifier);
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.parser = new PasswdFileParser(hasher);
        try {
            this.current = read(clock.instant());
        } catch (IOException e) {
            throw new IllegalArgumentException("auth.passwd-file: cannot read " + config.file() + ": " + e, e);
        }
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        Snapshot snapshot = snapshot();
        Optional<PasswdEntry> entry = snapshot.table().find(request.user());
        // An unknown user does the work of the file's costliest entry, on a dummy of its scheme and costs.
        boolean matches = equalWork.verify(entry.map(PasswdEntry::password), request.password(), snapshot.dummy());
        return matches ? AuthResult.accepted(account(entry.orElseThrow())) : AuthResult.rejected();
    }

    @Override
    public boolean providesSecrets() {
        return table().anyStoredAs(PasswordScheme.PLAIN);
    }

    @Override
    public boolean providesScramKeys() {
        return table().anyStoredAs(PasswordScheme.SCRAM_SHA_256);
    }

    @Override
    public SecretResult secret(String user) {
        Optional<PasswdEntry> entry = table().find(user);
        if (entry.isEmpty()) {
            return new SecretResult.Unknown();
        }
        PasswdEntry found = entry.get();
        String value = found.password().value();
        return switch (found.password().scheme()) {
            case PLAIN -> new SecretResult.Found(account(found), value.getBytes(StandardCharsets.UTF_8));
            case SCRAM_SHA_256 ->
                ScramSha256Field.parse(value)
                        .<SecretResult>map(keys -> new SecretResult.ScramKeys(account(found), keys))
                        .orElseGet(SecretResult.Unknown::new);
            case BCRYPT, ARGON2ID, SHA512_CRYPT, MD5_CRYPT -> new SecretResult.Unknown();
        };
    }

    /** The users now in force, re-reading the file first if it is due and changed. */
    PasswdTable table() {
        return snapshot().table();
    }

    /** The unknown-user dummy now in force. */
    StoredPassword dummy() {
        return snapshot().dummy().stored();
    }

    private Snapshot snapshot() {
        Snapshot snapshot = current;
        Instant now = clock.instant();
        if (now.isBefore(snapshot.checked().plus(config.recheckInterval()))) {
            return snapshot;
        }
        return recheck(now);
    }

    private synchronized Snapshot recheck(Instant now) {
        Snapshot snapshot = current;
        if (now.isBefore(snapshot.checked().plus(config.recheckInterval()))) {
            return snapshot;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(config.file(), BasicFileAttributes.class);
            boolean unchanged =
                    attributes.lastModifiedTime().equals(snapshot.modified()) && attributes.size() == snapshot.size();
            current = unchanged ? snapshot.checkedAt(now) : read(now);
        } catch (IOException e) {
            LOG.warn(
                    "Cannot re-read password file {}; keeping the {} users read before: {}",
                    config.file(),
                    snapshot.table().entries().size(),
                    e.toString());
            current = snapshot.checkedAt(now);
        }
        return current;
    }

    private Snapshot read(Instant now) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(config.file(), BasicFileAttributes.class);
        if (attributes.size() > config.maxBytes()) {
            throw new IOException("file has " + attributes.size() + " bytes, more than auth.passwd-file.max-size "
                    + config.maxBytes());
        }
        byte[] content = Files.readAllBytes(config.file());
        if (content.length > config.maxBytes()) {
            throw new IOException("file grew beyond auth.passwd-file.max-size while being read");
        }
        PasswdTable table = parser.parse(content);
        table.problems().forEach(p -> LOG.warn("Password file {}, {}; line skipped", config.file(), p));
        LOG.info(
                "Read password file {}: {} users",
                config.file(),
                table.entries().size());
        EqualWork.Dummy dummy = equalWork.dummyLike(table.costliest(hasher::cost));
        return new Snapshot(table, dummy, attributes.lastModifiedTime(), attributes.size(), now);
    }

    private static Account account(PasswdEntry entry) {
        return new Account(entry.user(), entry.home(), Map.of());
    }
}
