package io.tanpopo.auth.passwd;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the password file format, one user a line:
 * <pre>
 * # comment
 * user:{SCHEME}secret[:home]
 * </pre>
 * The user name runs to the first colon. If the rest holds another colon, the text after the
 * last one is the home directory (absolute, or empty for none), so a {@code {PLAIN}} password that
 * contains a colon must be followed by a home field, possibly empty ({@code u:{PLAIN}a:b:}).
 * Lines that do not fit are skipped and reported with their number; the first definition of a
 * user wins. CRLF line ends are accepted.
 */
public final class PasswdFileParser {

    private static final int MAX_USER_LENGTH = 255;

    private final PasswordHasher hasher;

    public PasswdFileParser(PasswordHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** Parses the whole file content. */
    public PasswdTable parse(byte[] content) {
        Map<String, PasswdEntry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            lineNumber++;
            int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
            Optional<String> problem = parseLine(content, start, stop, lineNumber, entries);
            int number = lineNumber;
            problem.ifPresent(p -> problems.add("line " + number + ": " + p));
            start = end + 1;
        }
        return new PasswdTable(entries, problems);
    }

    private Optional<String> parseLine(byte[] content, int from, int to, int number, Map<String, PasswdEntry> out) {
        Optional<String> text = decode(content, from, to);
        if (text.isEmpty()) {
            return Optional.of("not valid UTF-8");
        }
        String line = text.get();
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
            return Optional.empty();
        }
        try {
            PasswdEntry entry = parseEntry(line, number);
            if (out.putIfAbsent(entry.user(), entry) != null) {
                return Optional.of("user " + entry.user() + " already defined on line "
                        + out.get(entry.user()).lineNumber() + "; ignored");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private PasswdEntry parseEntry(String line, int number) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected user:{SCHEME}secret[:home]");
        }
        String user = line.substring(0, colon);
        checkUser(user);
        String rest = line.substring(colon + 1);
        int last = rest.lastIndexOf(':');
        String secret = last < 0 ? rest : rest.substring(0, last);
        Optional<Path> home = last < 0 ? Optional.empty() : home(rest.substring(last + 1));
        StoredPassword stored = StoredPassword.parse(secret);
        if (!hasher.isWellFormed(stored)) {
            throw new IllegalArgumentException("malformed {" + stored.scheme().label() + "} value");
        }
        return new PasswdEntry(user, stored, home, number);
    }

    private static void checkUser(String user) {
        if (user.isEmpty() || user.length() > MAX_USER_LENGTH) {
            throw new IllegalArgumentException("user name must have 1 to " + MAX_USER_LENGTH + " characters");
        }
        if (user.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("user name contains white space or control characters");
        }
    }

    private static Optional<Path> home(String field) {
        if (field.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(field);
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("home must be an absolute path");
            }
            return Optional.of(path.normalize());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("home is not a valid path", e);
        }
    }

    private static Optional<String> decode(byte[] content, int from, int to) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, from, to - from)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] content, byte b, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return content.length;
    }
}
