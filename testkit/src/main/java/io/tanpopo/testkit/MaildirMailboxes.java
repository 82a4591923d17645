package io.tanpopo.testkit;

import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Real maildirs, {@code <root>/<user>/Maildir}, served by {@link MaildirStore}. The kit writes
 * messages as a delivery agent does and reads them back through a second, non-locking store, so
 * the test sees the same order, sizes and UIDLs (the file base names) as the client.
 */
final class MaildirMailboxes implements Mailboxes {

    /** The user names the maildir store accepts as a path element. */
    private static final Pattern SAFE_USER = Pattern.compile("[A-Za-z0-9_=+@-][A-Za-z0-9._=+@-]{0,254}");

    private final Path root;
    private final boolean owned;
    private final TrackingStore served;
    private final MaildirStore reader;
    private final MaildirNames names;

    private MaildirMailboxes(Path root, boolean owned, boolean locking, Supplier<String> host) {
        this.root = root;
        this.owned = owned;
        MaildirConfig config = MaildirConfig.of(root.toAbsolutePath() + "/{user}/Maildir")
                .withLock(locking ? LockMode.TAKEOVER : LockMode.OFF);
        this.served = new TrackingStore(new MaildirStore(config));
        this.reader = new MaildirStore(config.withLock(false));
        this.names = new MaildirNames(host);
    }

    /** Maildirs in a new temporary directory, deleted on {@link #close()}. */
    static MaildirMailboxes temporary(boolean locking, Supplier<String> host) {
        try {
            return new MaildirMailboxes(Files.createTempDirectory("tanpopo-maildir-"), true, locking, host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary maildir root", e);
        }
    }

    /** Maildirs under {@code root}, which is created if missing and kept on {@link #close()}. */
    static MaildirMailboxes under(Path root, boolean locking, Supplier<String> host) {
        try {
            return new MaildirMailboxes(Files.createDirectories(root), false, locking, host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the maildir root " + root, e);
        }
    }

    @Override
    public MailStore store() {
        return served;
    }

    @Override
    public UserMailbox mailbox(String user) {
        Path maildir = userDir(user).resolve("Maildir");
        try {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(maildir.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the maildir " + maildir, e);
        }
        return new MaildirMailbox(user, maildir, served, reader, names);
    }

    @Override
    public void remove(String user) {
        Path dir = userDir(user);
        if (Files.isDirectory(dir)) {
            delete(dir);
        }
    }

    @Override
    public void clear() {
        try (Stream<Path> users = Files.list(root)) {
            users.filter(dir -> Files.isDirectory(dir.resolve("Maildir")))
                    .forEach(dir -> mailbox(dir.getFileName().toString()).clear());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    @Override
    public Optional<Path> root() {
        return Optional.of(root);
    }

    @Override
    public void close() {
        if (owned && Files.exists(root)) {
            delete(root);
        }
    }

    /** The user's directory; a name that could leave the root (or that the store refuses) is refused. */
    private Path userDir(String user) {
        if (!SAFE_USER.matcher(user).matches() || user.contains("..")) {
            throw new IllegalArgumentException("user name '" + user + "' cannot name a maildir"
                    + " (letters, digits and . _ - + = @, not starting with '.')");
        }
        return root.resolve(user);
    }

    private static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + tree, e);
        }
    }
}
