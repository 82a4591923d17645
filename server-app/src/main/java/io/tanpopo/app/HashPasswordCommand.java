package io.tanpopo.app;

import io.tanpopo.auth.passwd.HashingParameters;
import io.tanpopo.auth.passwd.PasswordHasher;
import io.tanpopo.auth.passwd.PasswordScheme;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * {@code hash-password [--scheme S]}: reads one password from standard input (up to the first line
 * end) and prints the line to put after {@code user:} in a password file.
 */
final class HashPasswordCommand {

    static final String USAGE = """
            Usage: java -jar tanpopo.jar hash-password [--scheme ARGON2ID|BCRYPT|SHA512-CRYPT|SCRAM-SHA-256|PLAIN]

            Reads a password from standard input and prints its hash, e.g.
              echo -n 'secret' | java -jar tanpopo.jar hash-password --scheme BCRYPT
            Put the output after "user:" in the file named by auth.passwd-file.
            The default scheme is ARGON2ID.""";

    private static final int MAX_PASSWORD = 1024;

    private HashPasswordCommand() {}

    static int run(String scheme, InputStream in, PrintStream out, PrintStream err) throws IOException {
        // MD5-CRYPT is read for accounts that have it, never written.
        PasswordScheme chosen = PasswordScheme.byLabel(scheme.toUpperCase(java.util.Locale.ROOT))
                .filter(s -> s != PasswordScheme.MD5_CRYPT)
                .orElse(null);
        if (chosen == null) {
            err.println("unknown scheme '" + scheme + "'\n\n" + USAGE);
            return 2;
        }
        byte[] password = readLine(in);
        try {
            if (password.length == 0) {
                err.println("no password on standard input");
                return 2;
            }
            out.println(new PasswordHasher(new SecureRandom(), HashingParameters.defaults()).hash(chosen, password));
            return 0;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n' && line.size() <= MAX_PASSWORD; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toByteArray();
    }
}
