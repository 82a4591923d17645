package io.tanpopo.auth.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A structural review, kept as a test so it stays true: secrets are compared with
 * {@code MessageDigest.isEqual} (constant time, JDK 7u+), never with {@code equals}, and the
 * password-file authenticator verifies unknown users (and users with a cheaper hash) against a
 * dummy made like the file's costliest hash, so all paths cost the same (no user enumeration by
 * timing; {@code UnknownUserWorkTest} counts the work). The pop3-core side (APOP, CRAM-MD5, SCRAM)
 * is reviewed by {@code io.tanpopo.pop3.hardening.ConstantTimeReviewTest}.
 */
class ConstantTimeReviewTest {

    private static String source(String path) throws IOException {
        return Files.readString(Path.of("src/main/java/io/tanpopo/auth", path));
    }

    @Test
    void staticUsers_comparePasswordsInConstantTime() throws IOException {
        String code = source("StaticUsersAuthenticator.java");
        assertThat(code).contains("MessageDigest.isEqual(").doesNotContain("Arrays.equals(");
    }

    @Test
    void passwordHasher_comparesPlainPasswordsInConstantTime() throws IOException {
        assertThat(source("passwd/PasswordHasher.java")).contains("case PLAIN -> MessageDigest.isEqual(");
    }

    @Test
    void passwdFile_unknownUsers_verifyAgainstADummyHash() throws IOException {
        String code = source("passwd/PasswdFileAuthenticator.java");
        assertThat(code)
                .contains("equalWork.dummyLike(table.costliest(hasher::cost))")
                .contains("equalWork.verify(entry.map(PasswdEntry::password), request.password(), snapshot.dummy())");
        assertThat(source("passwd/EqualWork.java"))
                .contains("StoredPassword dummy = hasher.dummyLike(model.orElse(PLAIN_MODEL));")
                .contains(
                        "if (stored.isEmpty()) {\n            boolean unused = verifier.test(dummy.stored(), password);")
                .contains("if (work(stored.get()) < dummy.work()) {");
    }

    @Test
    void sql_unknownUsers_andOverlongNames_verifyAgainstADummyHash() throws IOException {
        assertThat(source("sql/SqlAuthenticator.java"))
                .contains("equalWork.verify(Optional.empty(), request.password(), dummy.get());")
                .contains("equalWork.verify(stored, request.password(), dummyFor(stored))");
    }
}
