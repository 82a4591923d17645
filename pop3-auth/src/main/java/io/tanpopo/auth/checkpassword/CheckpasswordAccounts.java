package io.tanpopo.auth.checkpassword;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.LoginRequest;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the environment a successful checkpassword program left behind into an {@link Account}:
 * the name is {@code USER} when it is a sane name (else the login name), the home is {@code HOME}
 * when it is an absolute path, and the attributes are the variables the program set or changed
 * ({@code USER}, {@code HOME}, {@code SHELL}, {@code EXT}, …), at most 32, never the ones we passed
 * in unchanged nor the shell's own bookkeeping.
 */
final class CheckpasswordAccounts {

    private static final Set<String> SHELL_NOISE = Set.of("PWD", "OLDPWD", "SHLVL", "_");
    private static final int MAX_ATTRIBUTES = 32;
    private static final int MAX_NAME = 255;

    private CheckpasswordAccounts() {}

    static Account account(LoginRequest request, Map<String, String> reported) {
        Map<String, String> given = ChildEnvironment.of(request.connection(), "");
        Map<String, String> attributes = new LinkedHashMap<>();
        reported.forEach((name, value) -> {
            boolean ours = value.equals(given.get(name));
            if (!ours && !SHELL_NOISE.contains(name) && !name.equals("PATH") && attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(name, value);
            }
        });
        String user = Optional.ofNullable(reported.get("USER"))
                .filter(CheckpasswordAccounts::isSaneName)
                .orElse(request.user());
        return new Account(user, home(reported.get("HOME")), attributes);
    }

    private static boolean isSaneName(String name) {
        return !name.isEmpty()
                && name.length() <= MAX_NAME
                && !name.equals(".")
                && !name.equals("..")
                && name.codePoints().noneMatch(c -> c == '/' || Character.isWhitespace(c) || Character.isISOControl(c));
    }

    private static Optional<Path> home(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
