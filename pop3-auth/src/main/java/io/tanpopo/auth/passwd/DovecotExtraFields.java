package io.tanpopo.auth.passwd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The extra fields of a Dovecot passwd-file line (its eighth field on, space-separated
 * {@code name[=value]}). Fields that name a userdb setting ({@code userdb_}) only change where and
 * how mail is kept: {@code userdb_home} becomes the home, the others are noted and ignored. The
 * other fields are passdb settings that change who may log in; tanpopo never lets one of them
 * widen a login: {@code nologin} and {@code fail} refuse the user's logins, and a field it cannot
 * enforce ({@code nopassword}, {@code allow_nets}, {@code allow_real_nets}, proxying, or any it does
 * not know) refuses them too, with a warning.
 *
 * @param home {@code userdb_home}, when given
 * @param refusal why the user may not log in, when a field says so
 * @param notes what was ignored, one text per field (never a value)
 */
record DovecotExtraFields(Optional<Path> home, Optional<String> refusal, List<String> notes) {

    static final String MAIL_NOTE = "userdb_mail is not used: the maildir is store.maildir.path"
            + " (Dovecot's maildir:~/Maildir is store.maildir.path={home}/Maildir)";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    DovecotExtraFields {
        notes = List.copyOf(notes);
    }

    /**
     * Reads the extra fields.
     *
     * @throws IllegalArgumentException when {@code userdb_home} is not an absolute path
     */
    static DovecotExtraFields read(String text) {
        Optional<Path> home = Optional.empty();
        Optional<String> refusal = Optional.empty();
        List<String> notes = new ArrayList<>();
        for (String field : text.split(" ")) {
            int equals = field.indexOf('=');
            String name = equals < 0 ? field : field.substring(0, equals);
            String value = equals < 0 ? "" : field.substring(equals + 1);
            if (field.isEmpty()) {
                continue;
            }
            if (name.equals("userdb_home")) {
                home = PasswdLine.home(value, "userdb_home");
            } else if (name.startsWith("userdb_")) {
                notes.add(userdbNote(name));
            } else if (name.equals("reason") || name.equals("nodelay")) {
                notes.add(name + " is ignored (tanpopo keeps its own failed-login delay and -ERR texts)");
            } else if (refusal.isEmpty()) {
                refusal = Optional.of(refusal(name));
            }
        }
        return new DovecotExtraFields(home, refusal, notes);
    }

    private static String userdbNote(String name) {
        if (name.equals("userdb_mail")) {
            return MAIL_NOTE;
        }
        if (name.equals("userdb_uid") || name.equals("userdb_gid")) {
            return name + " is not used: tanpopo reads mail as its own user";
        }
        return shown(name) + " is ignored: a userdb setting tanpopo does not use";
    }

    private static String refusal(String name) {
        return switch (name) {
            case "nologin", "fail" -> "Dovecot's " + name + " field: the user's logins are refused";
            case "nopassword" -> "nopassword (any password would do) is not supported: the user cannot log in";
            case "allow_nets", "allow_real_nets" ->
                name + " is not supported, and tanpopo would not restrict the networks: the user cannot log in";
            default -> "extra field " + shown(name) + " is not understood: the user cannot log in";
        };
    }

    /** The field's name when it looks like one; a name is never a secret, a stray value may be. */
    private static String shown(String name) {
        return NAME.matcher(name).matches() ? "'" + name + "'" : "(name not shown)";
    }
}
