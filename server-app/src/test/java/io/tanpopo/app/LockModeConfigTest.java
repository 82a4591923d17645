package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
    void default_isTakeover_alsoForTheInMemoryUsers() throws IOException {
        assertThat(new BackendWiring(TestConfig.settings()).lockMode()).isEqualTo(LockMode.TAKEOVER);
        try (Pop3Server server = TestConfig.server();
                Socket first = connect(server.port());
                Socket second = connect(server.port())) {
            assertThat(login(first)).startsWith("+OK");
            assertThat(login(second)).startsWith("+OK");
            // told so, unless the server was still finishing its last reply: then just closed
            assertThat(readOrNull(first)).isIn("-ERR [IN-USE] Session taken over by a newer login", null);
            assertThat(readOrNull(first)).isNull();
        }
    }

    @Test
    void exclusive_secondSessionOfTheInMemoryUser_getsInUse() throws IOException {
        try (Pop3Server server = TestConfig.server("store.maildir.lock=exclusive");
                Socket first = connect(server.port());
                Socket second = connect(server.port())) {
            assertThat(login(first)).startsWith("+OK");
            assertThat(login(second)).startsWith("-ERR [IN-USE]");
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        read(socket);
        return socket;
    }

    private static String login(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("USER u1\r\nPASS secret\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        read(socket);
        return read(socket);
    }

    private static String readOrNull(Socket socket) {
        try {
            return read(socket);
        } catch (IOException e) {
            return null;
        }
    }

    /** One reply line, read byte by byte (nothing after it is consumed); null at end of stream. */
    private static String read(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = socket.getInputStream().read();
                b != '\n';
                b = socket.getInputStream().read()) {
            if (b == -1) {
                return null;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
