package io.tanpopo.store.maildir;

import io.tanpopo.auth.Account;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Expands {@link MaildirConfig#pathTemplate} for an account. A user name only reaches the file
 * system when it is a safe single path element: ASCII letters, digits and {@code . _ - + = @},
 * at most 255 characters, not starting with {@code .} and without {@code ..}. Anything else
 * ({@code /}, NUL, control characters, non-ASCII) is refused: the name comes from a client or an
 * authentication backend and must not steer the path.
 */
final class PathTemplate {

    private static final Pattern SAFE_USER = Pattern.compile("[A-Za-z0-9_=+@-][A-Za-z0-9._=+@-]{0,254}");

    private final String template;

    PathTemplate(String template) {
        this.template = template;
    }

    /** The maildir of {@code account}, absolute and normalized. */
    Path resolve(Account account) throws OpenRefusal {
        String path = template;
        if (path.contains("{user}")) {
            String user = account.name();
            if (!isSafeUser(user)) {
                throw OpenRefusal.failed("unsafe user name for a path: " + printable(user));
            }
            path = path.replace("{user}", user);
        }
        if (path.startsWith("{home}")) {
            Optional<Path> home = account.home();
            if (home.isEmpty() || !home.get().isAbsolute()) {
                throw OpenRefusal.failed(MaildirConfig.PATH_KEY + " uses {home} but account "
                        + printable(account.name()) + " has no absolute home directory");
            }
            path = home.get().normalize() + path.substring("{home}".length());
        }
        try {
            return Path.of(path).normalize();
        } catch (InvalidPathException e) {
            throw OpenRefusal.failed("invalid maildir path " + printable(path));
        }
    }

    static boolean isSafeUser(String user) {
        return SAFE_USER.matcher(user).matches() && !user.contains("..");
    }

    /** {@code s} with everything but printable ASCII escaped, for logs. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append(s.length() > 300 ? "\"..." : "\"").toString();
    }
}
