package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolProfileTest {

    @Test
    void greeting_putsInTheHostAndTheSessionsStamp() {
        ProtocolProfile profile = new ProtocolProfile("{host} ready {stamp} ({host})", Set.of());

        assertThat(profile.greeting("pop.example.org", "<1.2@pop.example.org>"))
                .isEqualTo("pop.example.org ready <1.2@pop.example.org> (pop.example.org)");
        assertThat(new ProtocolProfile("no stamp here", Set.of()).greeting("h", "<1.2@h>"))
                .isEqualTo("no stamp here");
    }

    @Test
    void greeting_isOneLine() {
        assertThatThrownBy(() -> new ProtocolProfile("two\r\nlines", Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one line");
    }

    @Test
    void disabledUser_takesPassAway_andDisabledSasl_takesAuthAway() {
        ProtocolProfile profile = new ProtocolProfile("ready", Set.of("user", "SASL"));

        assertThat(profile.enables("PASS")).isFalse();
        assertThat(profile.enables("AUTH")).isFalse();
        assertThat(profile.enables("APOP")).isTrue();
        assertThat(profile.advertises("SASL PLAIN")).isFalse();
        assertThat(profile.advertises("TOP")).isTrue();
    }
}
