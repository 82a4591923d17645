package io.tanpopo.auth.passwd;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one line of a password file in either form (see {@link PasswdFileParser} for the rule that
 * tells them apart): tanpopo's {@code user:password[:home]} or Dovecot's
 * {@code user:password:uid:gid:gecos:home:shell:extra_fields}.
 */
final class PasswdLine {

    /** What a line says. */
    sealed interface Outcome permits Accepted, Refused, Bad {}

    /** A user who may log in, and what of the line was ignored. */
    record Accepted(PasswdEntry entry, List<String> notes) implements Outcome {}

    /** A user who may not log in (the name stays taken, so a later line cannot let them in). */
    record Refused(String user, String why) implements Outcome {}

    /** A line that cannot be read. */
    record Bad(String why) implements Outcome {}

    static final int DOVECOT_FIELDS = 7;
    private static final int MAX_USER_LENGTH = 255;
    /** Dovecot's uid and gid: a number or a system user or group name. */
    private static final Pattern ID = Pattern.compile("|[0-9]{1,10}|[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");

    private static final String UID_NOTE = "uid and gid are not used: tanpopo reads mail as its own user";

    private final PasswordHasher hasher;

    PasswdLine(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    Outcome read(String line, int number) {
        String[] fields = line.split(":", -1);
        try {
            checkUser(fields[0]);
        } catch (IllegalArgumentException e) {
            return new Bad(e.getMessage());
        }
        if (fields.length < 2) {
            return new Bad("expected user:{SCHEME}secret[:home] or Dovecot's user:password:uid:gid:gecos:home:shell");
        }
        if (fields.length >= DOVECOT_FIELDS) {
            return dovecot(fields, number);
        }
        Outcome own = tanpopo(fields, number);
        return fields.length == 2 ? own : choose(own, dovecot(fields, number));
    }

    /** A short line: the form that fits; when both do, they must agree. */
    private static Outcome choose(Outcome own, Outcome theirs) {
        if (own instanceof Accepted mine) {
            if (theirs instanceof Accepted other && !sameLogin(mine.entry(), other.entry())) {
                return new Bad("reads differently as user:{SCHEME}secret:home and as Dovecot's"
                        + " user:password:uid:gid:gecos:home; hash the password, or end the line with a home");
            }
            return own;
        }
        if (theirs instanceof Bad other) {
            Bad mine = (Bad) own;
            return mine.why().equals(other.why())
                    ? mine
                    : new Bad("as user:{SCHEME}secret[:home]: " + mine.why() + "; as Dovecot's form: " + other.why());
        }
        return theirs;
    }

    private Outcome tanpopo(String[] fields, int number) {
        try {
            int last = fields.length - 1;
            String secret = String.join(":", Arrays.copyOfRange(fields, 1, Math.max(2, last)));
            Optional<Path> home = fields.length > 2 ? home(fields[last], "home") : Optional.empty();
            return new Accepted(new PasswdEntry(fields[0], password(secret), home, number), List.of());
        } catch (IllegalArgumentException e) {
            return new Bad(e.getMessage());
        }
    }

    private Outcome dovecot(String[] fields, int number) {
        try {
            String uid = field(fields, 2);
            String gid = field(fields, 3);
            if (!ID.matcher(uid).matches() || !ID.matcher(gid).matches()) {
                throw new IllegalArgumentException("uid and gid must be numbers or names");
            }
            Optional<Path> home = home(field(fields, 5), "home");
            String extra = fields.length > DOVECOT_FIELDS
                    ? String.join(":", Arrays.copyOfRange(fields, DOVECOT_FIELDS, fields.length))
                    : "";
            DovecotExtraFields extras = DovecotExtraFields.read(extra);
            if (extras.refusal().isPresent()) {
                return new Refused(fields[0], extras.refusal().get());
            }
            if (fields[1].isEmpty()) {
                return new Refused(fields[0], "empty password: the user cannot log in");
            }
            List<String> notes = new ArrayList<>(extras.notes());
            if (!uid.isEmpty() || !gid.isEmpty()) {
                notes.add(UID_NOTE);
            }
            PasswdEntry entry = new PasswdEntry(
                    fields[0], password(fields[1]), extras.home().or(() -> home), number);
            return new Accepted(entry, notes);
        } catch (IllegalArgumentException e) {
            return new Bad(e.getMessage());
        }
    }

    private StoredPassword password(String text) {
        StoredPassword stored = PasswordField.parse(text);
        if (!hasher.isWellFormed(stored)) {
            throw new IllegalArgumentException("malformed {" + stored.scheme().label() + "} value");
        }
        return stored;
    }

    private static boolean sameLogin(PasswdEntry a, PasswdEntry b) {
        return a.password().equals(b.password()) && a.home().equals(b.home());
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }

    private static void checkUser(String user) {
        if (user.isEmpty() || user.length() > MAX_USER_LENGTH) {
            throw new IllegalArgumentException("user name must have 1 to " + MAX_USER_LENGTH + " characters");
        }
        if (user.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("user name contains white space or control characters");
        }
    }

    /** An absolute home directory, or none for an empty field; {@code what} names the field in errors. */
    static Optional<Path> home(String field, String what) {
        if (field.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(field);
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException(what + " must be an absolute path");
            }
            return Optional.of(path.normalize());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + " is not a valid path", e);
        }
    }
}
