package io.tanpopo.auth.passwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.ScramCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dovecot's {@code {SCRAM-SHA-256}} text: read with bounds, written back alike, verified. */
class ScramSha256FieldTest {

    /** {@code doveadm pw -s SCRAM-SHA-256 -p secret} (Dovecot 2.3). */
    private static final String DOVEADM = "4096,8Zkng2HwShmfYBH8B2zmvA==,ygIBXc30o/b7FDEhwU5lTeQCp/5ZyX0Z5cqsDFE6MCk=,"
            + "xoo5x8BQ7icSw00S1tEO/bC6Dsr/Ab4g4V6ZEYVVkjU=";

    @Test
    void doveadmOutput_parses_verifiesItsPassword_andFormatsBackTheSame() {
        ScramCredentials keys = ScramSha256Field.parse(DOVEADM).orElseThrow();
        assertThat(keys.iterations()).isEqualTo(4096);
        assertThat(keys.matches("secret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(keys.matches("Secret".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ScramSha256Field.format(keys)).isEqualTo(DOVEADM);
        assertThat(PasswordField.parse("{SCRAM-SHA-256}" + DOVEADM).scheme()).isEqualTo(PasswordScheme.SCRAM_SHA_256);
        assertThat(StoredPassword.parse("{SCRAM-SHA-256}" + DOVEADM).scheme()).isEqualTo(PasswordScheme.SCRAM_SHA_256);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4095,8Zkng2HwShmfYBH8B2zmvA==,KEY,KEY", // below RFC 7677's 4096
                "1000001,8Zkng2HwShmfYBH8B2zmvA==,KEY,KEY", // above the bound
                "99999999999,8Zkng2HwShmfYBH8B2zmvA==,KEY,KEY", // overflows int
                "4096,,KEY,KEY", // no salt
                "4096,8Zkng2HwShmfYBH8B2zmvA==,KEY", // three fields
                "4096,8Zkng2HwShmfYBH8B2zmvA==,KEY,KEY,KEY", // five fields
                "4096,8Zkng2HwShmfYBH8B2zmvA==,AAAA,KEY", // short StoredKey
                "4096,8Zkng2HwShmfYBH8B2zmvA=,KEY,KEY", // broken base64
                "4096,8Zkng2HwShmfYBH8B2zmvA==,KEY,KEY\n", // trailing junk
                "+4096,8Zkng2HwShmfYBH8B2zmvA==,KEY,KEY", // sign
            })
    void malformedOrOutOfBounds_isRefused(String value) {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(ScramSha256Field.parse(value.replace("KEY", key))).isEmpty();
    }

    @Test
    void hashedByTheHasher_hasDovecotsShape_andVerifies() {
        PasswordHasher hasher = new PasswordHasher(new java.security.SecureRandom(), HashingParameters.defaults());
        StoredPassword stored =
                StoredPassword.parse(hasher.hash(PasswordScheme.SCRAM_SHA_256, "pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(stored.value()).matches("4096,[A-Za-z0-9+/]{22}==,[A-Za-z0-9+/]{43}=,[A-Za-z0-9+/]{43}=");
        assertThat(hasher.verify(stored, "pw".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(hasher.verify(stored, "px".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(hasher.cost(hasher.dummyLike(stored))).isEqualTo(hasher.cost(stored));
    }
}
