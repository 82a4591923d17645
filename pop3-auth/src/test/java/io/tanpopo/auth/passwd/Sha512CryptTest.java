package io.tanpopo.auth.passwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.RequiresProgram;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sha512CryptTest {

    private final Sha512Crypt crypt = new Sha512Crypt();

    /** The SHA-512 test vectors of Drepper's "Unix crypt using SHA-256 and SHA-512". */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "$6$saltstring|Hello world!|$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
                "$6$rounds=10000$saltstringsaltstring|Hello world!|$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
                "$6$rounds=5000$toolongsaltstring|This is just a test|$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0",
                "$6$rounds=1400$anotherlongsaltstring|a very much longer text to encrypt.  This one even stretches over morethan one line.|$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1",
                "$6$rounds=77777$short|we have a short salt string but not a short password|$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0",
                "$6$rounds=123456$asaltof16chars..|a short string|$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1",
                "$6$rounds=10$roundstoolow|the minimum number is still observed|$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.",
            })
    void crypt_matchesSpecVectors(String setting, String password, String expected) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        assertThat(crypt.crypt(pw, setting)).isEqualTo(expected);
        assertThat(crypt.verify(pw, expected)).isTrue();
        assertThat(crypt.verify("wrong".getBytes(StandardCharsets.UTF_8), expected))
                .isFalse();
    }

    @Test
    @RequiresProgram(value = "openssl", debianPackage = "openssl")
    void verify_acceptsWhatOpensslWrites() throws Exception {
        String salt = "Zx9./abcdEFGH012";
        String password = "pässwörd with spaces";
        Process openssl = new ProcessBuilder("openssl", "passwd", "-6", "-salt", salt, "-stdin")
                .redirectErrorStream(true)
                .start();
        openssl.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
        openssl.getOutputStream().close();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("$6$" + salt + "$");
        assertThat(crypt.verify(password.getBytes(StandardCharsets.UTF_8), out)).isTrue();
        assertThat(crypt.crypt(password.getBytes(StandardCharsets.UTF_8), "$6$" + salt))
                .isEqualTo(out);
        assertThat(crypt.verify("pässwörd".getBytes(StandardCharsets.UTF_8), out))
                .isFalse();
    }

    @Test
    void isWellFormed_refusesTruncatedOrCostlyHashes() {
        assertThat(crypt.isWellFormed("$6$salt$short")).isFalse();
        assertThat(crypt.isWellFormed("$6$rounds=999999999$saltstring$"
                        + "svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"))
                .isFalse();
        assertThat(crypt.isWellFormed("$5$saltstring$x")).isFalse();
    }
}
