package io.tanpopo.auth.passwd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testsupport.RequiresProgram;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** MD5 crypt ({@code $1$}) as {@code openssl passwd -1} and postfixadmin's md5crypt write it. */
class Md5CryptTest {

    private final Md5Crypt crypt = new Md5Crypt();
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), HashingParameters.defaults());

    @Test
    @RequiresProgram(value = "openssl", debianPackage = "openssl")
    void crypt_matchesOpenssl_forShortLongAndNonAsciiPasswords_andSalts() throws Exception {
        List<String> passwords = List.of(
                "p", "secret", "correct horse battery staple", "x".repeat(200), "pässwörd ☃", "with:colon$dollar");
        List<String> salts = List.of("", "a", "saltsalt", "toolongsalt", "./Zz09");
        for (String password : passwords) {
            for (String salt : salts) {
                String expected = openssl(password, salt);
                byte[] pw = password.getBytes(StandardCharsets.UTF_8);
                assertThat(crypt.crypt(pw, salt)).as(password + " / " + salt).isEqualTo(expected);
                assertThat(crypt.verify(pw, expected)).isTrue();
                assertThat(crypt.verify((password + "x").getBytes(StandardCharsets.UTF_8), expected))
                        .isFalse();
            }
        }
    }

    @Test
    void storedForms_verifyThroughTheHasher_withAndWithoutScheme() {
        // openssl passwd -1 -salt 1s5gFhIK secret
        String hash = "$1$1s5gFhIK$rZCYL8TRXstQDgik07MYv0";
        for (String field : List.of("{MD5-CRYPT}" + hash, "{CRYPT}" + hash, hash, "{md5-crypt}" + hash)) {
            StoredPassword stored = PasswordField.parse(field);
            assertThat(stored.scheme()).as(field).isEqualTo(PasswordScheme.MD5_CRYPT);
            assertThat(hasher.isWellFormed(stored)).isTrue();
            assertThat(hasher.verify(stored, bytes("secret"))).isTrue();
            assertThat(hasher.verify(stored, bytes("Secret"))).isFalse();
        }
        assertThat(hasher.cost(PasswordField.parse(hash)).parameters()).containsExactly(8);
    }

    @Test
    void malformedValues_neverMatch_andAreNotWritten() {
        for (String bad : List.of(
                "$1$", "$1$salt$short", "$1$toolongsalt$rZCYL8TRXstQDgik07MYv0", "$1$s$GtDqaxBXApKnLZpNeP7c!1")) {
            StoredPassword stored = new StoredPassword(PasswordScheme.MD5_CRYPT, bad);
            assertThat(hasher.isWellFormed(stored)).as(bad).isFalse();
            assertThat(hasher.verify(stored, bytes("secret"))).isFalse();
        }
        assertThatThrownBy(() -> hasher.hash(PasswordScheme.MD5_CRYPT, bytes("secret")))
                .hasMessageContaining("never written");
    }

    @Test
    void dummyLike_anMd5Hash_costsTheSame_andMatchesNothingKnown() {
        StoredPassword model = PasswordField.parse("$1$1s5gFhIK$rZCYL8TRXstQDgik07MYv0");
        StoredPassword dummy = hasher.dummyLike(model);
        assertThat(hasher.cost(dummy)).isEqualTo(hasher.cost(model));
        assertThat(hasher.verify(dummy, bytes("secret"))).isFalse();
    }

    private static String openssl(String password, String salt) throws Exception {
        Process process = new ProcessBuilder("openssl", "passwd", "-1", "-salt", salt, "-stdin")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
