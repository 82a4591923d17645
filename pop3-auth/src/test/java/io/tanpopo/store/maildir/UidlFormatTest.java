package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Renderings checked against Dovecot 2.3.19's POP3 server (UID 1, UIDVALIDITY 1796510985, file
 * {@code 1700000000.M1P1.host}); {@link DovecotUidlInteropTest} runs Dovecot itself.
 */
class UidlFormatTest {

    private static final UidlFormat.Values ONE =
            new UidlFormat.Values(1, 1_796_510_985L, "1700000000.M1P1.host", "1700000000.M1P1.host");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "%08Xu%08Xv | 000000016b149509",
                "%u | 1",
                "%v.%u | 1796510985.1",
                "%f | 1700000000.M1P1.host",
                "%Xu | 1",
                "%08Xv%08Xu | 6b14950900000001",
                "%Lf | 1700000000.m1p1.host",
                "%Uf | 1700000000.M1P1.HOST",
                "%4.3f | 000",
                "%-3f | 170",
                "%.-3f | 1700000000.M1P1.h",
                "%3.-2f | 0000000.M1P1.ho",
                "%-08Xv | 6b149509",
                "%Hf | a46d6b4",
                "%Mf | 3f678cf686be48bcc01c6bad0c61d570",
                "%Rf | tsoh.1P1M.0000000071",
                "%%%u | %1",
                "%{uid}.%{uidvalidity} | 1.1796510985",
            })
    void rendersAsDovecot(String format, String expected) {
        assertThat(UidlFormat.parse(format).render(ONE)).isEqualTo(expected);
    }

    @Test
    void hexIsLowerCase_asDovecotServesIt() {
        assertThat(UidlFormat.parse(UidlFormat.DEFAULT).render(new UidlFormat.Values(0xABCDEFL, 0xFFFFFFFFL, "x", "x")))
                .isEqualTo("00abcdefffffffff");
    }

    @Test
    void guid_isTheUidlistsWhenThere() {
        assertThat(UidlFormat.parse("%g").render(new UidlFormat.Values(1, 1, "name", "deadbeef")))
                .isEqualTo("deadbeef");
    }
}
