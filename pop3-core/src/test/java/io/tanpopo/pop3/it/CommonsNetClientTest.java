package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apache commons-net's {@link POP3Client} against a real server. */
class CommonsNetClientTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private List<String> uids;
    private final POP3Client client = new POP3Client();

    @BeforeEach
    void start() throws IOException {
        server = mail.builder().failedLoginDelay(Duration.ZERO, Duration.ZERO).start();
        uids = SeedMessages.seed(mail.mailbox("alice"));
        connect();
    }

    @AfterEach
    void stop() throws IOException {
        if (client.isConnected()) {
            client.disconnect();
        }
        server.close();
    }

    @Test
    void status_afterLogin_countsMessagesAndCrlfOctets() throws IOException {
        assertThat(client.login("alice", "secret")).isTrue();
        POP3MessageInfo status = client.status();
        assertThat(status.number).isEqualTo(3);
        assertThat(status.size)
                .isEqualTo(
                        SeedMessages.ALL.stream().mapToLong(SeedMessages::size).sum());
    }

    @Test
    void listMessages_sizesAreCrlfOctetsOfEachMessage() throws IOException {
        client.login("alice", "secret");
        POP3MessageInfo[] list = client.listMessages();
        assertThat(Arrays.stream(list).map(m -> m.number).toList()).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat((long) list[i].size).isEqualTo(SeedMessages.size(SeedMessages.ALL.get(i)));
        }
        assertThat((long) client.listMessage(2).size).isEqualTo(SeedMessages.size(SeedMessages.BARE_LF));
    }

    @Test
    void listUniqueIdentifiers_matchTheStoreUids() throws IOException {
        client.login("alice", "secret");
        assertThat(Arrays.stream(client.listUniqueIdentifiers())
                        .map(m -> m.identifier)
                        .toList())
                .isEqualTo(uids);
        assertThat(client.listUniqueIdentifier(3).identifier).isEqualTo(uids.get(2));
    }

    @Test
    void retrieveMessage_everyMessage_equalsCrlfFormAndListSize() throws IOException {
        client.login("alice", "secret");
        for (int i = 0; i < 3; i++) {
            byte[] received = read(client.retrieveMessage(i + 1));
            assertThat(received).as("message %d", i + 1).isEqualTo(SeedMessages.crlf(SeedMessages.ALL.get(i)));
            assertThat(client.listMessage(i + 1).size).isEqualTo(received.length);
        }
    }

    @Test
    void retrieveMessageTop_returnsHeaderAndTheAskedBodyLines() throws IOException {
        client.login("alice", "secret");
        for (int i = 0; i < 3; i++) {
            byte[] stored = SeedMessages.ALL.get(i);
            assertThat(read(client.retrieveMessageTop(i + 1, 0))).isEqualTo(SeedMessages.header(stored));
            assertThat(read(client.retrieveMessageTop(i + 1, 2))).isEqualTo(SeedMessages.top(stored, 2));
            assertThat(read(client.retrieveMessageTop(i + 1, 1000))).isEqualTo(SeedMessages.crlf(stored));
        }
    }

    @Test
    void deleteMessage_thenReset_restoresIt_andLogoutRemovesNothing() throws IOException {
        client.login("alice", "secret");
        assertThat(client.deleteMessage(1)).isTrue();
        assertThat(client.status().number).isEqualTo(2);
        assertThat(client.reset()).isTrue();
        assertThat(client.status().number).isEqualTo(3);
        assertThat(client.logout()).isTrue();
        assertThat(mail.mailbox("alice").size()).isEqualTo(3);
    }

    @Test
    void deleteMessage_thenLogout_removesItForTheNextSession() throws IOException {
        client.login("alice", "secret");
        assertThat(client.deleteMessage(1)).isTrue();
        assertThat(client.logout()).isTrue();
        client.disconnect();
        assertThat(mail.mailbox("alice").size()).isEqualTo(2);
        Await.value(Duration.ofSeconds(5), "unlock", () -> mail.mailbox("alice").isLocked() ? null : true);
        connect();
        assertThat(client.login("alice", "secret")).isTrue();
        assertThat(Arrays.stream(client.listUniqueIdentifiers())
                        .map(m -> m.identifier)
                        .toList())
                .containsExactly(uids.get(1), uids.get(2));
    }

    @Test
    void capa_inAuthorization_listsEveryAdvertisedCapability() throws IOException {
        assertThat(client.sendCommand("CAPA")).isZero();
        client.getAdditionalReply();
        List<String> lines = Arrays.asList(client.getReplyStrings());
        assertThat(lines.get(0)).startsWith("+OK");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(".");
        assertThat(lines).contains("TOP", "USER", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING");
        assertThat(lines).anyMatch(l -> l.matches("IMPLEMENTATION tanpopo-\\S+"));
    }

    @Test
    void capa_inTransaction_stillAnswers_withoutUser() throws IOException {
        client.login("alice", "secret");
        assertThat(client.capa()).isTrue();
        List<String> lines = Arrays.asList(client.getReplyStrings());
        assertThat(lines).contains("TOP", "UIDL", "PIPELINING").doesNotContain("USER");
    }

    @Test
    void login_wrongPassword_isRefused_andNoopNeedsLogin() throws IOException {
        assertThat(client.login("alice", "wrong")).isFalse();
        assertThat(client.getReplyString()).startsWith("-ERR [AUTH]");
        assertThat(client.noop()).isFalse();
    }

    private void connect() throws IOException {
        client.setDefaultTimeout(10_000);
        client.setConnectTimeout(5_000);
        client.connect("127.0.0.1", server.port());
        client.setSoTimeout(10_000);
    }

    /** commons-net reads POP3 as ISO-8859-1, so chars map back to the octets one to one. */
    private static byte[] read(Reader reader) throws IOException {
        StringWriter out = new StringWriter();
        try (reader) {
            reader.transferTo(out);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
