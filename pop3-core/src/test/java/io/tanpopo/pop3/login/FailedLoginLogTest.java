package io.tanpopo.pop3.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.AddressText;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The failed-login line itself; what each login path logs is {@code protocol.FailedLoginsTest}. */
class FailedLoginLogTest {

    @Test
    void sanitised_keepsLettersDigitsAndSafePunctuation_escapesTheRest() {
        assertThat(FailedLoginLog.sanitised("alice@example.org")).isEqualTo("alice@example.org");
        assertThat(FailedLoginLog.sanitised("jürgen_1")).isEqualTo("jürgen_1");
        assertThat(FailedLoginLog.sanitised("a b'c`d")).isEqualTo("a\\x20b\\x27c\\x60d");
        assertThat(FailedLoginLog.sanitised("\r\n\u0000\t")).isEqualTo("\\x0D\\x0A\\x00\\x09");
        assertThat(FailedLoginLog.sanitised("\ud83d\ude00")).isEqualTo("\\xF0\\x9F\\x98\\x80");
        assertThat(FailedLoginLog.sanitised("x".repeat(65))).hasSize(FailedLoginLog.MAX_USER_CHARACTERS + 3);
    }

    @Test
    void ipv6_isPrintedInRfc5952Form() throws Exception {
        String[][] cases = {
            {"2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"},
            {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},
            {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},
            {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
            {"2001:DB8:AAAA:0:0:0:0:0", "2001:db8:aaaa::"},
            {"0:0:0:0:0:0:0:1", "::1"},
            {"::", "::"},
            {"fe80::1%1", "fe80::1"},
            {"192.0.2.7", "192.0.2.7"},
        };
        for (String[] c : cases) {
            assertThat(AddressText.of(InetAddress.getByName(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
        LoginAttempt attempt = LoginAttempt.of("USER", "bob");
        assertThat(FailedLoginLog.line(InetAddress.getByName("2001:db8:0:0:0:0:0:7"), attempt, LoginFailure.REJECTED))
                .isEqualTo("login failed: reason=rejected, method=USER, rip=2001:db8::7, user=<bob>");
    }
}
