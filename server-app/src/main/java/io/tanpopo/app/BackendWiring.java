package io.tanpopo.app;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.checkpassword.CheckpasswordAuthenticator;
import io.tanpopo.auth.checkpassword.CheckpasswordConfig;
import io.tanpopo.auth.passwd.HashingParameters;
import io.tanpopo.auth.passwd.PasswdFileAuthenticator;
import io.tanpopo.auth.passwd.PasswdFileConfig;
import io.tanpopo.auth.passwd.PasswordHasher;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.store.maildir.UidlStyle;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Chooses the authenticator and the mail store the settings name. */
final class BackendWiring {

    private final Settings settings;
    private final Consumer<AutoCloseable> resources;

    BackendWiring(Settings settings) {
        this(settings, resource -> {});
    }

    /** With what must be closed when the server stops (a database pool) handed to {@code resources}. */
    BackendWiring(Settings settings, Consumer<AutoCloseable> resources) {
        this.settings = settings;
        this.resources = resources;
    }

    /** The configured authenticator; empty for {@code auth=static} (the server's built-in users). */
    Optional<Authenticator> authenticator() {
        return switch (settings.choice("auth", "static", "passwd-file", "checkpassword", "sql")) {
            case "passwd-file" -> Optional.of(passwdFile());
            case "checkpassword" -> Optional.of(checkpassword());
            case "sql" -> Optional.of(new SqlWiring(settings).authenticator(resources));
            default -> Optional.empty();
        };
    }

    /** The configured mail store; empty for {@code store=memory}. */
    Optional<MailStore> store() {
        if (settings.choice("store", "memory", "maildir").equals("memory")) {
            return Optional.empty();
        }
        UidlStyle uidl = UidlStyle.valueOf(settings.choice("store.maildir.uidl", "filename", "dovecot", "courier")
                .toUpperCase(Locale.ROOT));
        MaildirConfig config = settings.validated(() -> MaildirConfig.of(settings.string("store.maildir.path"))
                .withUidl(uidl)
                .withUidlFormat(settings.string("store.maildir.uidl-format"))
                .withMarkSeen(settings.bool("store.maildir.seen-flag"))
                .withLock(lockMode())
                .withSizeCacheEntries(settings.integer("store.maildir.size-cache-entries", 0, 10_000_000))
                .withFollowRootSymlink(settings.bool("store.maildir.follow-root-symlink")));
        return Optional.of(new MaildirStore(config));
    }

    /**
     * {@code store.maildir.lock}: takeover, exclusive or off; true and false, the values before
     * it took a mode, still mean exclusive and off. Applies to the in-memory store as well.
     */
    LockMode lockMode() {
        String value = settings.string("store.maildir.lock");
        return LockMode.parse(value)
                .orElseThrow(() -> settings.error(
                        "store.maildir.lock",
                        "must be takeover, exclusive or off (true and false: exclusive and off), not '" + value + "'"));
    }

    private Authenticator passwdFile() {
        PasswdFileConfig config = settings.validated(() -> new PasswdFileConfig(
                Path.of(settings.string("auth.passwd-file")),
                settings.duration("auth.passwd-file.recheck"),
                settings.integer("auth.passwd-file.max-size", 1, Integer.MAX_VALUE)));
        return settings.validated(() -> new PasswdFileAuthenticator(
                config, Clock.systemUTC(), new PasswordHasher(new SecureRandom(), HashingParameters.defaults())));
    }

    private Authenticator checkpassword() {
        List<String> command = Arrays.stream(
                        settings.string("auth.checkpassword.command").split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
        CheckpasswordConfig config = settings.validated(() -> new CheckpasswordConfig(
                command,
                settings.duration("auth.checkpassword.timeout"),
                settings.integer("auth.checkpassword.max-processes", 1, 1024),
                exitCodes(),
                settings.string("auth.checkpassword.path")));
        return new CheckpasswordAuthenticator(config, Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tanpopo-checkpassword-io");
            thread.setDaemon(true);
            return thread;
        }));
    }

    private Map<Integer, CheckpasswordConfig.Outcome> exitCodes() {
        Map<Integer, CheckpasswordConfig.Outcome> codes = new LinkedHashMap<>();
        for (String pair : settings.list("auth.checkpassword.exit-codes")) {
            String[] parts = pair.split("=", 2);
            try {
                codes.put(
                        Integer.parseInt(parts[0].strip()),
                        CheckpasswordConfig.Outcome.valueOf(parts[1].strip().toUpperCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                throw settings.error(
                        "auth.checkpassword.exit-codes",
                        "entries must be code=rejected|unavailable|failed, not '" + pair + "'");
            }
        }
        return codes;
    }
}
