package io.tanpopo.auth.hardening;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.tanpopo.auth.passwd.HashingParameters;
import io.tanpopo.auth.passwd.PasswdEntry;
import io.tanpopo.auth.passwd.PasswdFileParser;
import io.tanpopo.auth.passwd.PasswdTable;
import io.tanpopo.auth.passwd.PasswordHasher;
import java.security.SecureRandom;

/**
 * The password file is read at start and on every change: whatever it holds, parsing only skips
 * lines with a problem (never throws), and every entry it keeps is well-formed (a user without
 * control characters or colons, an absolute home if any). Regression inputs:
 * {@code src/test/resources/io/tanpopo/auth/hardening/PasswdFileFuzzTestInputs/}.
 */
class PasswdFileFuzzTest {

    private static final PasswordHasher HASHER = new PasswordHasher(new SecureRandom(), HashingParameters.defaults());

    @FuzzTest(maxDuration = "15s")
    void parse(@NotNull byte[] content) {
        PasswdTable table = new PasswdFileParser(HASHER).parse(content);
        for (PasswdEntry entry : table.entries().values()) {
            String user = entry.user();
            if (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new AssertionError("kept a malformed user name: " + user);
            }
            entry.home().ifPresent(home -> {
                if (!home.isAbsolute()) {
                    throw new AssertionError("kept a relative home: " + home);
                }
            });
            if (table.find(user).isEmpty()) {
                throw new AssertionError("an entry cannot be found by its own name: " + user);
            }
            HASHER.isWellFormed(entry.password());
        }
        table.costliest(HASHER::cost);
    }
}
