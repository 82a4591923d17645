package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code store.maildir.lock}: takeover by default, exclusive and off, the old booleans as aliases,
 * for the maildir store and the in-memory users of {@code auth.users} alike.
 */
class LockModeConfigTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"takeover,TAKEOVER", "exclusive,EXCLUSIVE", "off,OFF", "true,EXCLUSIVE", "false,OFF", "Off,OFF"})
    void maildirStore_getsTheMode(String value, LockMode mode) throws IOException {
        Files.createDirectories(dir.resolve("m"));
        MailStore store = new BackendWiring(TestConfig.settings(
                        "store=maildir", "store.maildir.path=" + dir + "/m/{user}", "store.maildir.lock=" + value))
                .store()
                .orElseThrow();
        assertThat(store.lockMode()).isEqualTo(mode);
    }

    @Test
    void default_isTakeover_alsoForTheInMemoryUsers() {
        assertThat(new BackendWiring(TestConfig.settings()).lockMode()).isEqualTo(LockMode.TAKEOVER);
        try (Pop3Server server = TestConfig.server();
                Pop3Wire first = Pop3Wire.connect(server.port());
                Pop3Wire second = Pop3Wire.connect(server.port())) {
            assertThat(login(first)).startsWith("+OK");
            assertThat(login(second)).startsWith("+OK");
            // told so, unless the server was still finishing its last reply: then just closed
            assertThat(first.line()).isIn("-ERR [IN-USE] Session taken over by a newer login", null);
            assertThat(first.line()).isNull();
        }
    }

    @Test
    void exclusive_secondSessionOfTheInMemoryUser_getsInUse() {
        try (Pop3Server server = TestConfig.server("store.maildir.lock=exclusive");
                Pop3Wire first = Pop3Wire.connect(server.port());
                Pop3Wire second = Pop3Wire.connect(server.port())) {
            assertThat(login(first)).startsWith("+OK");
            assertThat(login(second)).startsWith("-ERR [IN-USE]");
        }
    }

    /** Logs in as u1 with USER and PASS in one write; PASS's reply. */
    private static String login(Pop3Wire pop) {
        pop.send("USER u1\r\nPASS secret\r\n").line();
        return pop.line();
    }
}
