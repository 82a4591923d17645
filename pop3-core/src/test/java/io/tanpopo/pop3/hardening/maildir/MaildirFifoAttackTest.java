package io.tanpopo.pop3.hardening.maildir;

import static io.tanpopo.pop3.hardening.maildir.MaildirRig.attacker;
import static io.tanpopo.pop3.hardening.maildir.MaildirRig.loggedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.UidlStyle;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #15, FIFOs and devices: a maildir user who puts a FIFO or a link to {@code /dev/zero}
 * where the server keeps its lock and caches blocks no worker and exhausts no memory; the
 * session goes on (the reply comes within the dialogue's 10 s read timeout) with exact sizes.
 */
@RequiresProgram(value = "setpriv", debianPackage = "util-linux")
@RequiresProgram(value = "mkfifo", debianPackage = "coreutils")
@RequiresProgram(value = "ln", debianPackage = "coreutils")
@RequiresProgram(value = "mv", debianPackage = "coreutils")
class MaildirFifoAttackTest {

    /** Sizes not in the names: they are computed and go to the size cache. */
    private static final List<String> MESSAGES =
            List.of("Subject: a\n\n.dot line\nbare LF\n", "Subject: b\r\n\r\nb\r\n");

    @TempDir
    Path dir;

    private MaildirRig rig;
    private Path eve;

    @BeforeEach
    void eve() throws Exception {
        rig = new MaildirRig(dir);
        eve = rig.maildir("eve");
        for (int i = 0; i < MESSAGES.size(); i++) {
            rig.message("eve", "new", "170000000" + i + ".M" + i + "P1.host", MESSAGES.get(i));
        }
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanpopo.lock", "tanpopo-sizes", "dovecot-uidlist"})
    void fifoInPlaceOfABookkeepingFile_loginListAndQuitWork(String name) throws Exception {
        rig.handOver("eve");
        attacker(eve, "mkfifo", name);

        assertSessionWorks(rig.server(dovecot(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanpopo-sizes", "dovecot-uidlist"})
    void cacheLinkedToDevZero_loginListAndQuitWork(String name) throws Exception {
        rig.handOver("eve");
        attacker(eve, "ln", "-s", "/dev/zero", name);

        assertSessionWorks(rig.server(dovecot(name)));
    }

    @Test
    void messageSwappedForAFifoAfterLogin_retrAnswersAtOnce() throws Exception {
        rig.handOver("eve");
        Pop3Server server = rig.server(UnaryOperator.identity());
        String first = "1700000000.M0P1.host";

        try (Pop3Wire client = loggedIn(server, "eve")) {
            attacker(eve.resolve("new"), "mv", first, "x");
            attacker(eve.resolve("new"), "mkfifo", first);
            assertThat(client.command("RETR 1")).startsWith("-ERR");
            assertThat(client.command("RETR 2")).startsWith("+OK");
            assertThat(String.join("\n", client.body())).isEqualTo("Subject: b\n\nb");
        }
    }

    /** Dovecot unique-ids when the attack is on their file. */
    private static UnaryOperator<MaildirConfig> dovecot(String name) {
        return name.equals("dovecot-uidlist") ? c -> c.withUidl(UidlStyle.DOVECOT) : UnaryOperator.identity();
    }

    private void assertSessionWorks(Pop3Server server) {
        try (Pop3Wire client = loggedIn(server, "eve")) {
            assertThat(client.command("LIST")).startsWith("+OK");
            assertThat(client.body())
                    .containsExactly("1 " + crlfSize(MESSAGES.get(0)), "2 " + crlfSize(MESSAGES.get(1)));
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
        try (Pop3Wire again = loggedIn(server, "eve")) {
            assertThat(again.command("STAT")).startsWith("+OK 2 ");
        }
    }

    private static long crlfSize(String message) {
        return message.replace("\r\n", "\n").replace("\n", "\r\n").length();
    }
}
