package io.tanpopo.bench.jmh;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.ProtocolContext;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.protocol.command.StandardCommands;
import io.tanpopo.pop3.session.LineDecoder;
import io.tanpopo.store.memory.MemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Command decoding and dispatch without sockets: the bytes of a realistic session (login, STAT,
 * LIST, UIDL, TOP, NOOP, RSET, QUIT) split by {@link LineDecoder} and run by the {@link Dispatcher}
 * against the in-memory store, as {@code ProtocolHarness} in pop3-core's tests builds the stack.
 * Message bodies are not encoded here (see {@link ReplyStreamBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DispatchBenchmark {

    private static final String SESSION = "USER alice\r\nPASS secret\r\nSTAT\r\nLIST\r\nUIDL\r\nLIST 3\r\n"
            + "UIDL 7\r\nTOP 1 0\r\nNOOP\r\nDELE 2\r\nRSET\r\nQUIT\r\n";

    private Dispatcher dispatcher;
    private ConnectionInfo connection;
    private byte[] session;

    @Setup
    public void setUp() {
        StaticUsersAuthenticator users = new StaticUsersAuthenticator();
        users.put("alice", "secret");
        MemoryStore store = new MemoryStore(false);
        for (int i = 0; i < 20; i++) {
            store.mailbox("alice").add("From: a@example.org\r\nSubject: " + i + "\r\n\r\n" + "text\r\n".repeat(100));
        }
        Pop3Config config = new Pop3Config(
                "127.0.0.1",
                0,
                "pop.example",
                Duration.ofMinutes(10),
                20,
                255,
                Duration.ZERO,
                Duration.ZERO,
                Optional.empty(),
                Optional.empty(),
                2);
        ProtocolContext context = ProtocolContext.of(config, users, SessionListener.none());
        dispatcher =
                new Dispatcher(context, StandardCommands.table(context, StandardCommands.Setup.of(store, "bench")));
        connection = new ConnectionInfo(
                new InetSocketAddress("127.0.0.1", 110),
                new InetSocketAddress("127.0.0.1", 40000),
                "pop.example",
                Optional.empty(),
                false,
                Map.of());
        session = SESSION.getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public void session(Blackhole hole) {
        Pop3Session pop = new Pop3Session("b1", "<1.2@pop.example>", connection);
        LineDecoder decoder = new LineDecoder(16 * 1024);
        decoder.feed(ByteBuffer.wrap(session), new LineDecoder.Sink() {
            @Override
            public void line(String line, int octets) {
                Reply reply = dispatcher.dispatch(pop, line, octets).reply();
                hole.consume(reply.statusLine());
                reply.body().ifPresent(body -> consume(body, hole));
            }

            @Override
            public void tooLong() {
                throw new IllegalStateException("no line is too long here");
            }
        });
    }

    private static void consume(ReplyBody body, Blackhole hole) {
        if (body instanceof ReplyBody.Message message) {
            try {
                message.content().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            hole.consume(((ReplyBody.Lines) body).lines());
        }
    }
}
