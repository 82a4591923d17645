package io.tanpopo.auth.passwd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PasswordHasherTest {

    private static final byte[] PASSWORD = "correct horse ☃".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WRONG = "correct horse".getBytes(StandardCharsets.UTF_8);

    private final PasswordHasher hasher = new PasswordHasher(
            new SecureRandom(), new HashingParameters(10, 5000, new Argon2idParameters(1024, 1, 1, 16, 32)));

    /** Every scheme it writes; MD5-CRYPT is only read (Md5CryptTest). */
    @ParameterizedTest
    @EnumSource(value = PasswordScheme.class, names = "MD5_CRYPT", mode = EnumSource.Mode.EXCLUDE)
    void hash_thenVerify_acceptsOnlyTheSamePassword(PasswordScheme scheme) {
        String line = hasher.hash(scheme, PASSWORD);
        assertThat(line).startsWith("{" + scheme.label() + "}");
        StoredPassword stored = StoredPassword.parse(line);
        assertThat(hasher.isWellFormed(stored)).isTrue();
        assertThat(hasher.verify(stored, PASSWORD)).isTrue();
        assertThat(hasher.verify(stored, WRONG)).isFalse();
    }

    @Test
    void hash_writesTheUsualPrefixes() {
        assertThat(hasher.hash(PasswordScheme.BCRYPT, PASSWORD)).startsWith("{BCRYPT}$2y$10$");
        assertThat(hasher.hash(PasswordScheme.ARGON2ID, PASSWORD))
                .startsWith("{ARGON2ID}$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.hash(PasswordScheme.SHA512_CRYPT, PASSWORD))
                .matches("\\{SHA512-CRYPT}\\$6\\$[./0-9A-Za-z]{16}\\$.{86}");
        assertThat(new PasswordHasher(
                                new SecureRandom(), new HashingParameters(10, 6000, Argon2idParameters.defaults()))
                        .hash(PasswordScheme.SHA512_CRYPT, PASSWORD))
                .startsWith("{SHA512-CRYPT}$6$rounds=6000$");
    }

    /** The reference implementation's test vector (argon2 src/test.c): "password", "somesalt", t=2, m=64 MiB, p=1. */
    @Test
    void verify_argon2id_referenceVector() {
        StoredPassword stored = StoredPassword.parse(
                "{ARGON2ID}$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
        assertThat(hasher.verify(stored, "password".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(hasher.verify(stored, "Password".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
    }

    /** The OpenBSD bcrypt regression vector for "U*U" at cost 5, in its $2a$ and $2b$ spellings. */
    @Test
    void verify_bcrypt_knownVectors() {
        byte[] uu = "U*U".getBytes(StandardCharsets.US_ASCII);
        assertThat(hasher.verify(
                        StoredPassword.parse("{BCRYPT}$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                        uu))
                .isTrue();
        assertThat(hasher.verify(
                        StoredPassword.parse("{BCRYPT}$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                        uu))
                .isTrue();
        assertThat(hasher.verify(
                        StoredPassword.parse("{BCRYPT}$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                        WRONG))
                .isFalse();
    }

    @Test
    void verify_malformedValues_neverMatch() {
        assertThat(hasher.verify(StoredPassword.parse("{BCRYPT}$2y$10$short"), PASSWORD))
                .isFalse();
        assertThat(hasher.verify(
                        StoredPassword.parse(
                                "{ARGON2ID}$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"),
                        PASSWORD))
                .isFalse();
        assertThat(hasher.verify(
                        StoredPassword.parse(
                                "{ARGON2ID}$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"),
                        PASSWORD))
                .isFalse();
        assertThat(hasher.verify(StoredPassword.parse("{PLAIN}"), new byte[0])).isFalse();
    }

    @Test
    void storedPassword_parse_rejectsUnknownSchemesWithoutEchoingTheValue() {
        assertThatThrownBy(() -> StoredPassword.parse("{MD5}secretvalue"))
                .hasMessageContaining("{MD5}")
                .hasMessageNotContaining("secretvalue");
        assertThatThrownBy(() -> StoredPassword.parse("nobraces")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StoredPassword.parse("{sha512-crypt}x").scheme()).isEqualTo(PasswordScheme.SHA512_CRYPT);
    }

    @Test
    void hash_bcrypt_refusesPasswordsLongerThan72Bytes() {
        assertThatThrownBy(() -> hasher.hash(PasswordScheme.BCRYPT, new byte[73]))
                .hasMessageContaining("72 bytes");
    }

    @Test
    void dummyLike_costsTheSame_andMatchesNeitherThePasswordNorTheModel() {
        PasswordHasher slow = new PasswordHasher(
                new SecureRandom(), new HashingParameters(11, 7000, new Argon2idParameters(2048, 2, 2, 24, 48)));
        for (PasswordScheme scheme : PasswordScheme.values()) {
            if (scheme == PasswordScheme.MD5_CRYPT) {
                continue; // never written; its dummy is tested in Md5CryptTest
            }
            for (PasswordHasher h : new PasswordHasher[] {hasher, slow}) {
                StoredPassword model = StoredPassword.parse(h.hash(scheme, PASSWORD));
                StoredPassword dummy = hasher.dummyLike(model);
                assertThat(dummy.scheme()).isEqualTo(scheme);
                assertThat(hasher.isWellFormed(dummy)).as(scheme.label()).isTrue();
                assertThat(hasher.cost(dummy)).as(scheme.label()).isEqualTo(hasher.cost(model));
                assertThat(dummy.value()).isNotEqualTo(model.value());
                assertThat(hasher.verify(dummy, PASSWORD)).isFalse();
            }
        }
        assertThat(hasher.cost(StoredPassword.parse(slow.hash(PasswordScheme.ARGON2ID, PASSWORD)))
                        .parameters())
                .containsExactly(2048, 2, 2, 24, 48);
        assertThat(hasher.cost(StoredPassword.parse(slow.hash(PasswordScheme.SHA512_CRYPT, PASSWORD)))
                        .parameters())
                .containsExactly(7000, 16);
    }
}
