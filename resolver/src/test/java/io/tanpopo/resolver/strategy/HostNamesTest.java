package io.tanpopo.resolver.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HostNamesTest {

    /** The pattern Pop3Config and TlsConfig.Generated used before the loop replaced it. */
    private static final Pattern LETTER_DIGIT_HYPHEN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    @Test
    void isLetterDigitHyphen_acceptsServerNames() {
        assertThat(HostNames.isLetterDigitHyphen("localhost")).isTrue();
        assertThat(HostNames.isLetterDigitHyphen("a")).isTrue();
        assertThat(HostNames.isLetterDigitHyphen("pop.example-1.org")).isTrue();
        assertThat(HostNames.isLetterDigitHyphen("x".repeat(253))).isTrue();
    }

    @Test
    void isLetterDigitHyphen_refusesWhatIsNoServerName() {
        assertThat(HostNames.isLetterDigitHyphen("")).isFalse();
        assertThat(HostNames.isLetterDigitHyphen("x".repeat(254))).isFalse();
        assertThat(HostNames.isLetterDigitHyphen("-pop")).isFalse();
        assertThat(HostNames.isLetterDigitHyphen("pop.")).isFalse();
        assertThat(HostNames.isLetterDigitHyphen("pop_1")).isFalse();
        assertThat(HostNames.isLetterDigitHyphen("pop example")).isFalse();
        assertThat(HostNames.isLetterDigitHyphen("pöp")).isFalse();
    }

    @Test
    void isLetterDigitHyphen_agreesWithThePatternItReplaced() {
        Random random = new Random(42);
        String alphabet = "aZ09.-_ é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(6);
            for (int j = 0; j < length; j++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = name.toString();
            assertThat(HostNames.isLetterDigitHyphen(candidate))
                    .as(candidate)
                    .isEqualTo(LETTER_DIGIT_HYPHEN.matcher(candidate).matches());
        }
    }
}
