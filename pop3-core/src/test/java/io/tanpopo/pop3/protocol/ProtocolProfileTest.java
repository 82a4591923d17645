package io.tanpopo.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolProfileTest {

    @Test
    void greeting_putsInTheHostOncePerServer_andTheStampPerSession() {
        ProtocolProfile profile = new ProtocolProfile("{host} ready {stamp} ({host})", Set.of());
        String server = profile.greetingFor("pop.example.org");

        assertThat(server).isEqualTo("+OK pop.example.org ready {stamp} (pop.example.org)");
        assertThat(server.replace("{stamp}", "<1.2@pop.example.org>"))
                .isEqualTo(profile.greetingLine("pop.example.org", "<1.2@pop.example.org>"))
                .isEqualTo("+OK pop.example.org ready <1.2@pop.example.org> (pop.example.org)");
        assertThat(new ProtocolProfile("no stamp here", Set.of()).greetingLine("h", "<1.2@h>"))
                .isEqualTo("+OK no stamp here");
    }
}
