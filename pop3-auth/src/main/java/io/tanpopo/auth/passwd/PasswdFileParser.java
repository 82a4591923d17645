package io.tanpopo.auth.passwd;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a password file, one user a line, in tanpopo's form or Dovecot's passwd-file form:
 * <pre>
 * # comment
 * user:{SCHEME}secret[:home]
 * user:{SCHEME}secret:uid:gid:gecos:home:shell:extra_fields
 * </pre>
 * The password is {@code {SCHEME}value} or, as in Dovecot, a bare crypt string (see
 * {@link PasswordField} for the schemes). A line with seven or more colon-separated fields is
 * Dovecot's: the home is the sixth field, uid, gid, gecos and shell are not used, and the extra
 * fields are read by {@link DovecotExtraFields} ({@code userdb_home} sets the home; {@code nologin}
 * refuses the user; what tanpopo cannot enforce refuses the user too). A shorter line is read in
 * whichever form fits: in tanpopo's, the home is after the last colon (absolute, or empty for
 * none), so a {@code {PLAIN}} password that contains a colon is followed by a home field; a line
 * that fits both forms with different passwords or homes (such as {@code u:{PLAIN}a:b:}) is skipped.
 *
 * <p>Lines that do not fit are skipped and reported with their number (never their text); the first
 * line of a user wins, also when it refuses the user. What was ignored is noted once per kind,
 * with the first line and how many more. CRLF line ends are accepted.
 */
public final class PasswdFileParser {

    private static final Logger LOG = LoggerFactory.getLogger(PasswdFileParser.class);

    private final PasswdLine lines;
    private final Consumer<String> notes;

    /** A parser whose notes (ignored Dovecot fields) are logged at INFO. */
    public PasswdFileParser(PasswordHasher hasher) {
        this(hasher, note -> LOG.info("Password file, {}", note));
    }

    PasswdFileParser(PasswordHasher hasher, Consumer<String> notes) {
        this.lines = new PasswdLine(Objects.requireNonNull(hasher, "hasher"));
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /** Parses the whole file content. */
    public PasswdTable parse(byte[] content) {
        Reading reading = new Reading();
        int start = 0;
        int lineNumber = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            lineNumber++;
            int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
            Optional<String> problem = parseLine(content, start, stop, lineNumber, reading);
            int number = lineNumber;
            problem.ifPresent(p -> reading.problems.add("line " + number + ": " + p));
            start = end + 1;
        }
        reading.noted.forEach((note, where) -> notes.accept(
                "line " + where[0] + (where[1] > 1 ? " and " + (where[1] - 1) + " more" : "") + ": " + note));
        return new PasswdTable(reading.entries, reading.problems);
    }

    /** What has been read so far. */
    private static final class Reading {
        final Map<String, PasswdEntry> entries = new LinkedHashMap<>();
        /** The line that defined each user, including users whose logins are refused. */
        final Map<String, Integer> defined = new HashMap<>();

        final List<String> problems = new ArrayList<>();
        /** Each note's first line and count. */
        final Map<String, int[]> noted = new LinkedHashMap<>();
    }

    private Optional<String> parseLine(byte[] content, int from, int to, int number, Reading reading) {
        Optional<String> text = decode(content, from, to);
        if (text.isEmpty()) {
            return Optional.of("not valid UTF-8");
        }
        String line = text.get();
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
            return Optional.empty();
        }
        PasswdLine.Outcome outcome = lines.read(line, number);
        if (outcome instanceof PasswdLine.Bad bad) {
            return Optional.of(bad.why());
        }
        if (outcome instanceof PasswdLine.Refused refused) {
            return define(refused.user(), number, reading)
                    .or(() -> Optional.of("user " + refused.user() + ": " + refused.why()));
        }
        PasswdLine.Accepted accepted = (PasswdLine.Accepted) outcome;
        Optional<String> duplicate = define(accepted.entry().user(), number, reading);
        if (duplicate.isEmpty()) {
            reading.entries.put(accepted.entry().user(), accepted.entry());
            accepted.notes().forEach(note -> reading.noted.computeIfAbsent(note, n -> new int[] {number, 0})[1]++);
        }
        return duplicate;
    }

    private static Optional<String> define(String user, int number, Reading reading) {
        Integer first = reading.defined.putIfAbsent(user, number);
        return first == null
                ? Optional.empty()
                : Optional.of("user " + user + " already defined on line " + first + "; ignored");
    }

    private static Optional<String> decode(byte[] content, int from, int to) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, from, to - from))
                    .toString());
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
