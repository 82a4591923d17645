package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;

/** Session steps several integration tests share. */
final class Sessions {

    private Sessions() {}

    /**
     * Logs in, retrying while the maildrop is still locked ({@code [IN-USE]}) by a session whose
     * connection just ended; any other refusal fails at once.
     */
    static Pop3Wire loginWhenUnlocked(int port, String user, String password) {
        return Await.value(Duration.ofSeconds(10), user + "'s maildrop to be released", () -> {
            Pop3Wire pop = Pop3Wire.connect(port);
            String reply = pop.login(user, password);
            if (reply.startsWith("+OK")) {
                return pop;
            }
            pop.close();
            assertThat(reply).startsWith("-ERR [IN-USE]");
            return null;
        });
    }

    /** A complete normal session still works: the server survived whatever came before. */
    static void assertServerStillServes(Pop3Server server, MemoryBackend mail) {
        mail.user("probe", "probe-secret");
        mail.mailbox("probe").add(SeedMessages.DOTS);
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).startsWith("+OK");
            assertThat(pop.login("probe", "probe-secret")).startsWith("+OK");
            assertThat(pop.command("RETR 1")).isEqualTo("+OK " + SeedMessages.size(SeedMessages.DOTS) + " octets");
            assertThat(pop.bodyBytes()).isEqualTo(SeedMessages.crlf(SeedMessages.DOTS));
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }
}
