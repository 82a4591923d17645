package io.tanpopo.store.maildir;

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
 * @param lock whether a maildrop is locked for the session (key {@code store.maildir.lock},
 *     default {@code true}; RFC 1939 §8)
 * @param sizeCacheEntries how many messages the store remembers in memory across sessions, over
 *     all maildirs: their computed sizes and the last listing of the maildir (key
 *     {@code store.maildir.size-cache-entries}, default 200,000; 0 remembers no listing)
 * @param followRootSymlink whether a maildir that is itself a symbolic link is followed (key
 *     {@code store.maildir.follow-root-symlink}, default {@code false}: refused, since its user
 *     could point it at another user's maildir); for sites whose maildirs are links to another
 *     mount. Links inside the maildir are never followed.
 */
public record MaildirConfig(
        String pathTemplate, UidlStyle uidl, boolean markSeen, boolean lock, int sizeCacheEntries,
        boolean followRootSymlink) {

    public static final String PATH_KEY = "store.maildir.path";
    public static final String UIDL_KEY = "store.maildir.uidl";
    public static final String SEEN_FLAG_KEY = "store.maildir.seen-flag";
    public static final String LOCK_KEY = "store.maildir.lock";
    public static final String SIZE_CACHE_KEY = "store.maildir.size-cache-entries";
    public static final String FOLLOW_ROOT_SYMLINK_KEY = "store.maildir.follow-root-symlink";
    public static final int DEFAULT_SIZE_CACHE_ENTRIES = 200_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    public MaildirConfig {
        Objects.requireNonNull(uidl, UIDL_KEY + " must be set");
        checkTemplate(pathTemplate);
        if (sizeCacheEntries < 0) {
            throw new IllegalArgumentException(
                    SIZE_CACHE_KEY + " must not be negative: " + sizeCacheEntries);
        }
    }

    /** The defaults for everything but the path. */
    public static MaildirConfig of(String pathTemplate) {
        return new MaildirConfig(
                pathTemplate, UidlStyle.FILENAME, false, true, DEFAULT_SIZE_CACHE_ENTRIES, false);
    }

    public MaildirConfig withUidl(UidlStyle style) {
        return new MaildirConfig(pathTemplate, style, markSeen, lock, sizeCacheEntries, followRootSymlink);
    }

    public MaildirConfig withMarkSeen(boolean seen) {
        return new MaildirConfig(pathTemplate, uidl, seen, lock, sizeCacheEntries, followRootSymlink);
    }

    public MaildirConfig withLock(boolean locking) {
        return new MaildirConfig(pathTemplate, uidl, markSeen, locking, sizeCacheEntries, followRootSymlink);
    }

    public MaildirConfig withSizeCacheEntries(int entries) {
        return new MaildirConfig(pathTemplate, uidl, markSeen, lock, entries, followRootSymlink);
    }

    public MaildirConfig withFollowRootSymlink(boolean follow) {
        return new MaildirConfig(pathTemplate, uidl, markSeen, lock, sizeCacheEntries, follow);
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
                throw new IllegalArgumentException(PATH_KEY + ": unknown placeholder {" + name
                        + "} in " + template + " (known: {user}, {home})");
            }
            if (name.equals("home") && m.start() != 0) {
                throw new IllegalArgumentException(
                        PATH_KEY + ": {home} may only start the path: " + template);
            }
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException(PATH_KEY
                    + " must contain {user} or {home}, else all users share one maildir: " + template);
        }
        if (!template.startsWith("/") && !template.startsWith("{home}")) {
            throw new IllegalArgumentException(PATH_KEY + " must be absolute: " + template);
        }
        for (String element : template.split("/")) {
            if (element.equals("..") || element.equals(".")) {
                throw new IllegalArgumentException(
                        PATH_KEY + " must not contain . or .. elements: " + template);
            }
        }
    }
}
