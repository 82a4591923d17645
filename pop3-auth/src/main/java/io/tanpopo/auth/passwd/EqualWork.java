package io.tanpopo.auth.passwd;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Verifies passwords so that the time of an attempt does not tell which user names exist: an
 * unknown user is verified against a dummy made like the costliest stored password, and a user
 * whose own hash is cheaper than the dummy verifies the dummy as well. Thread-safe.
 */
public final class EqualWork {

    /** A stored password nobody knows, and the estimated work of verifying it. */
    public record Dummy(StoredPassword stored, long work) {
        public Dummy {
            Objects.requireNonNull(stored, "stored");
        }
    }

    private static final StoredPassword PLAIN_MODEL = new StoredPassword(PasswordScheme.PLAIN, "-");

    private final PasswordHasher hasher;
    private final BiPredicate<StoredPassword, byte[]> verifier;

    public EqualWork(PasswordHasher hasher) {
        this(hasher, hasher::verify);
    }

    /** With every verification going through {@code verifier} (tests count the hash work with it). */
    public EqualWork(PasswordHasher hasher, BiPredicate<StoredPassword, byte[]> verifier) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** A dummy of {@code model}'s scheme and cost parameters (costs one hash), or a free one for none. */
    public Dummy dummyLike(Optional<StoredPassword> model) {
        StoredPassword dummy = hasher.dummyLike(model.orElse(PLAIN_MODEL));
        return new Dummy(dummy, hasher.cost(dummy).work());
    }

    /** What verifying against {@code stored} costs, to compare with a dummy's work. */
    public long work(StoredPassword stored) {
        return hasher.cost(stored).work();
    }

    /**
     * Whether {@code password} matches {@code stored}; an empty {@code stored} (unknown user) never
     * matches. Either way at least {@code dummy}'s work is done.
     */
    public boolean verify(Optional<StoredPassword> stored, byte[] password, Dummy dummy) {
        if (stored.isEmpty()) {
            boolean unused = verifier.test(dummy.stored(), password);
            return false;
        }
        boolean matches = verifier.test(stored.get(), password);
        if (work(stored.get()) < dummy.work()) {
            // A cheaper user pays the dummy as well, so that a {PLAIN} user among hashed ones does
            // not answer faster than a name that does not exist.
            boolean unused = verifier.test(dummy.stored(), password);
        }
        return matches;
    }
}
