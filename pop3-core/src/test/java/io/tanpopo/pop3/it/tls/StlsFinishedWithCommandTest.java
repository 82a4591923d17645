package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A client whose first command leaves in the same TCP write as its TLS Finished (what a fast client
 * often does by accident) must get that command answered, not silently dropped as if it had been
 * sent in clear before the handshake. Driven with an {@link SSLEngine} so the coalescing is certain.
 */
class StlsFinishedWithCommandTest {

    private Pop3Server server;

    @BeforeEach
    void start() {
        server = Pop3Server.builder().user("alice", "secret").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @RepeatedTest(3)
    void firstCommandInTheSameWriteAsFinished_isAnswered() throws IOException {
        SSLContext trust = server.tlsTrust().orElseThrow().clientSslContext();
        try (Pop3Wire plain = Pop3Wire.connect(server.port())) {
            assertThat(plain.greeting()).startsWith("+OK");
            assertThat(plain.command("STLS")).startsWith("+OK");

            EngineClient client = new EngineClient(
                    trust.createSSLEngine("127.0.0.1", server.port()),
                    plain.socket().getInputStream(),
                    plain.socket().getOutputStream());
            client.handshakeThenSend("USER alice\r\n");
            assertThat(client.readLine())
                    .as("reply to the command sent with Finished")
                    .startsWith("+OK");
            client.send("PASS secret\r\n");
            assertThat(client.readLine()).startsWith("+OK");
        }
    }

    /** A TLS client over blocking streams that holds back its last flight to append application data. */
    private static final class EngineClient {
        private final SSLEngine engine;
        private final InputStream in;
        private final OutputStream out;
        private final ByteBuffer netIn;
        private final ByteBuffer appIn;
        private ByteArrayOutputStream pending = new ByteArrayOutputStream();

        EngineClient(SSLEngine engine, InputStream in, OutputStream out) {
            this.engine = engine;
            this.in = in;
            this.out = out;
            engine.setUseClientMode(true);
            this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
            this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
            netIn.flip();
        }

        void handshakeThenSend(String command) throws IOException {
            engine.beginHandshake();
            HandshakeStatus status = engine.getHandshakeStatus();
            for (int steps = 0; steps < 100; steps++) {
                switch (status) {
                    case NEED_WRAP -> status = wrap(ByteBuffer.allocate(0)).getHandshakeStatus();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        flush();
                        status = unwrap().getHandshakeStatus();
                    }
                    case NEED_TASK -> {
                        for (Runnable task = engine.getDelegatedTask();
                                task != null;
                                task = engine.getDelegatedTask()) {
                            task.run();
                        }
                        status = engine.getHandshakeStatus();
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        // The Finished is still in pending: the command goes out in the same write.
                        wrap(ByteBuffer.wrap(command.getBytes(StandardCharsets.US_ASCII)));
                        flush();
                        return;
                    }
                }
            }
            throw new AssertionError("handshake did not finish in 100 steps");
        }

        void send(String text) throws IOException {
            wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            flush();
        }

        String readLine() throws IOException {
            for (int records = 0; records < 100; records++) {
                appIn.flip();
                for (int i = 0; i < appIn.limit(); i++) {
                    if (appIn.get(i) == '\n') {
                        byte[] line = new byte[i + 1];
                        appIn.get(line);
                        appIn.compact();
                        return new String(line, StandardCharsets.US_ASCII).stripTrailing();
                    }
                }
                appIn.compact();
                unwrap();
            }
            throw new AssertionError("no line in 100 TLS records");
        }

        private SSLEngineResult wrap(ByteBuffer app) throws SSLException {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult result = engine.wrap(app, net);
            pending.write(net.array(), 0, net.position());
            return result;
        }

        private void flush() throws IOException {
            if (pending.size() > 0) {
                out.write(pending.toByteArray());
                out.flush();
                pending = new ByteArrayOutputStream();
            }
        }

        private SSLEngineResult unwrap() throws IOException {
            while (true) {
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                if (result.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    return result;
                }
                netIn.compact();
                int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
                if (n == -1) {
                    throw new IOException("server closed the connection during TLS");
                }
                netIn.position(netIn.position() + n);
                netIn.flip();
            }
        }
    }
}
