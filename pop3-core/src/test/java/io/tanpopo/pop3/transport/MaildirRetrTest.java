package io.tanpopo.pop3.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.it.SeamMessages;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** RETR of maildir files through the real transport: every direct buffer given back to the pool. */
class MaildirRetrTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private LoopbackTransport server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @RepeatedTest(3)
    void clientGoneMidMessage_everyDirectBufferIsGivenBack() throws IOException {
        DirectChunks chunks = start(maildir(List.of(SeamMessages.of(8 * 1024 * 1024, 9, true))));

        try (Pop3Wire pop = Pop3Wire.open(server.transport.localAddress().getPort())) {
            pop.send("USER alice\r\nPASS secret\r\nRETR 1\r\n");
            assertThat(pop.read(100_000)).hasSize(100_000);
            Await.until(WAIT, "buffers holding the queued chunks", () -> chunks.inUse() > 0);
        }

        // The write MINA had begun when the client vanished is never reported: the connection gives it back.
        Await.until(WAIT, "every direct buffer given back", () -> chunks.inUse() == 0);
    }

    /** Alice's maildir holding {@code messages} as delivered files, served by the maildir store. */
    private MailStore maildir(List<byte[]> messages) throws IOException {
        Path maildir = root.resolve("alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (int i = 0; i < messages.size(); i++) {
            Files.write(maildir.resolve("new").resolve((1000 + i) + ".M" + i + "P1.host"), messages.get(i));
        }
        return new MaildirStore(MaildirConfig.of(root + "/{user}/Maildir"));
    }

    /** Starts the transport over a protocol serving {@code store} to alice; returns its buffers. */
    private DirectChunks start(MailStore store) {
        server = LoopbackTransport.start(
                Pop3Server.builder().user("alice", "secret").store(store));
        return server.transport.directChunks();
    }
}
