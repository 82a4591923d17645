package io.tanpopo.store.maildir;

import io.tanpopo.store.LockMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration of a {@link MaildirStore}.
 *
 * @param pathTemplate where a user's maildir is (key {@code store.maildir.path}): an absolute path
 *     with the placeholders {@code {user}} (the account name, which must be a safe single path
 *     element) and {@code {home}} (the account's home, only at the very start), for example
 *     {@code {home}/Maildir} or {@code /var/vmail/{user}}; at least one placeholder, no {@code ..}
 * @param uidl how unique-ids are made (key {@code store.maildir.uidl}, default
 *     {@link UidlStyle#FILENAME})
 * @param markSeen whether QUIT adds the {@code S} flag to retrieved messages (key
 *     {@code store.maildir.seen-flag}, default {@code false} like qmail-pop3d, which only renames
 *     {@code new/x} to {@code cur/x:2,})
 * @param lockMode how sessions of one user share the maildrop (key {@code store.maildir.lock},
 *     default {@link LockMode#TAKEOVER}; RFC 1939 §8); every mode but {@link LockMode#OFF} locks
 *     it for the session
 * @param sizeCacheEntries how many messages the store remembers in memory across sessions, over
 *     all maildirs: their computed sizes and the last listing of the maildir (key
 *     {@code store.maildir.size-cache-entries}, default 200,000; 0 remembers no listing)
 * @param uidlFormat the unique-id of {@link UidlStyle#DOVECOT}, in Dovecot's
 *     {@code pop3_uidl_format} syntax (key {@code store.maildir.uidl-format}, default Dovecot's
 *     {@value UidlFormat#DEFAULT}); see {@link UidlFormat}
 * @param followRootSymlink whether a maildir that is itself a symbolic link is followed (key
 *     {@code store.maildir.follow-root-symlink}, default {@code false}: refused, since its user
 *     could point it at another user's maildir); for sites whose maildirs are links to another
 *     mount. Links inside the maildir are never followed.
 */
public record MaildirConfig(
        String pathTemplate,
        UidlStyle uidl,
        boolean markSeen,
        LockMode lockMode,
        int sizeCacheEntries,
        UidlFormat uidlFormat,
        boolean followRootSymlink) {

    public static final String PATH_KEY = "store.maildir.path";
    public static final String UIDL_KEY = "store.maildir.uidl";
    public static final String UIDL_FORMAT_KEY = "store.maildir.uidl-format";
    public static final String SEEN_FLAG_KEY = "store.maildir.seen-flag";
    public static final String LOCK_KEY = "store.maildir.lock";
    public static final String SIZE_CACHE_KEY = "store.maildir.size-cache-entries";
    public static final String FOLLOW_ROOT_SYMLINK_KEY = "store.maildir.follow-root-symlink";
    public static final int DEFAULT_SIZE_CACHE_ENTRIES = 200_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    public MaildirConfig {
        Objects.requireNonNull(uidl, UIDL_KEY + " must be set");
        Objects.requireNonNull(lockMode, LOCK_KEY + " must be set");
        Objects.requireNonNull(uidlFormat, UIDL_FORMAT_KEY + " must be set");
        checkTemplate(pathTemplate);
        if (sizeCacheEntries < 0) {
            throw new IllegalArgumentException(SIZE_CACHE_KEY + " must not be negative: " + sizeCacheEntries);
        }
    }

    /** The defaults for everything but the path. */
    public static MaildirConfig of(String pathTemplate) {
        return new MaildirConfig(
                pathTemplate,
                UidlStyle.FILENAME,
                false,
                LockMode.TAKEOVER,
                DEFAULT_SIZE_CACHE_ENTRIES,
                UidlFormat.parse(UidlFormat.DEFAULT),
                false);
    }

    /** Whether the store locks a maildrop for the session (every mode but {@link LockMode#OFF}). */
    public boolean lock() {
        return lockMode.locks();
    }

    public MaildirConfig withUidl(UidlStyle style) {
        return new MaildirConfig(
                pathTemplate, style, markSeen, lockMode, sizeCacheEntries, uidlFormat, followRootSymlink);
    }

    public MaildirConfig withMarkSeen(boolean seen) {
        return new MaildirConfig(pathTemplate, uidl, seen, lockMode, sizeCacheEntries, uidlFormat, followRootSymlink);
    }

    public MaildirConfig withLock(LockMode mode) {
        return new MaildirConfig(pathTemplate, uidl, markSeen, mode, sizeCacheEntries, uidlFormat, followRootSymlink);
    }

    /** The older yes/no switch: {@code true} is {@link LockMode#EXCLUSIVE}, {@code false} {@link LockMode#OFF}. */
    public MaildirConfig withLock(boolean locking) {
        return withLock(LockMode.of(locking));
    }

    /** With Dovecot's {@code pop3_uidl_format}, parsed by {@link UidlFormat#parse}. */
    public MaildirConfig withUidlFormat(String format) {
        return new MaildirConfig(
                pathTemplate, uidl, markSeen, lockMode, sizeCacheEntries, UidlFormat.parse(format), followRootSymlink);
    }

    public MaildirConfig withSizeCacheEntries(int entries) {
        return new MaildirConfig(pathTemplate, uidl, markSeen, lockMode, entries, uidlFormat, followRootSymlink);
    }

    public MaildirConfig withFollowRootSymlink(boolean follow) {
        return new MaildirConfig(pathTemplate, uidl, markSeen, lockMode, sizeCacheEntries, uidlFormat, follow);
    }

    private static void checkTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException(PATH_KEY + " must be set");
        }
        if (template.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(PATH_KEY + " must not contain NUL");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        boolean any = false;
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("user") && !name.equals("home")) {
                throw new IllegalArgumentException(
                        PATH_KEY + ": unknown placeholder {" + name + "} in " + template + " (known: {user}, {home})");
            }
            if (name.equals("home") && m.start() != 0) {
                throw new IllegalArgumentException(PATH_KEY + ": {home} may only start the path: " + template);
            }
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException(
                    PATH_KEY + " must contain {user} or {home}, else all users share one maildir: " + template);
        }
        if (!template.startsWith("/") && !template.startsWith("{home}")) {
            throw new IllegalArgumentException(PATH_KEY + " must be absolute: " + template);
        }
        for (String element : template.split("/")) {
            if (element.equals("..") || element.equals(".")) {
                throw new IllegalArgumentException(PATH_KEY + " must not contain . or .. elements: " + template);
            }
        }
    }
}
