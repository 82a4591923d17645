package io.tanpopo.pop3.protocol;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.protocol.command.StandardCommands;
import io.tanpopo.pop3.session.LineDecoder;
import io.tanpopo.pop3.session.ReplyStream;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.memory.MemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real protocol stack (dispatcher, command tables, session, in-memory store, static users with
 * alice/secret) without sockets: commands are tested by what they reply and what they change, and
 * whole sessions are fed as raw client octets through the {@link LineDecoder} a connection uses.
 */
public final class ProtocolHarness {

    /** The longest line the decoder of {@link #feed} keeps, as a connection's does for SASL. */
    static final int LINE_CAPACITY = 16 * 1024;

    public final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    public final MemoryStore store = new MemoryStore(true);
    final ProtocolContext context;
    final Dispatcher dispatcher;
    public final Pop3Session session;
    Dispatcher.Outcome last;
    private final LineDecoder decoder = new LineDecoder(LINE_CAPACITY);
    private boolean ended;
    private boolean committed;

    public ProtocolHarness() {
        this(config(Optional.empty(), Optional.empty(), 20), null, null);
    }

    /** With {@code config}; a null authenticator or store means {@link #users} or {@link #store}. */
    public ProtocolHarness(Pop3Config config, Authenticator authenticator, MailStore mailStore) {
        users.put("alice", "secret");
        context = ProtocolContext.of(config, authenticator != null ? authenticator : users, SessionListener.none());
        StandardCommands.Setup setup = StandardCommands.Setup.of(mailStore != null ? mailStore : store, "test");
        dispatcher = new Dispatcher(context, StandardCommands.table(context, setup));
        session = newSession();
    }

    public static Pop3Config config(Optional<Duration> loginDelay, Optional<String> expire, int maxBad) {
        return new Pop3Config(
                "127.0.0.1",
                0,
                "pop.example",
                Duration.ofMinutes(10),
                maxBad,
                255,
                Duration.ofSeconds(1),
                Duration.ofSeconds(15),
                loginDelay,
                expire,
                2);
    }

    Pop3Session newSession() {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 110);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
        return new Pop3Session(
                "t1",
                "<1.2@pop.example>",
                new ConnectionInfo(local, remote, "pop.example", Optional.empty(), false, Map.of()));
    }

    /** Sends a line in this harness's session and returns the reply. */
    Reply send(String line) {
        return send(session, line);
    }

    Reply send(Pop3Session in, String line) {
        last = dispatcher.dispatch(in, line);
        return last.reply();
    }

    String status(String line) {
        return send(line).statusLine();
    }

    void login() {
        send("USER alice");
        Reply reply = send("PASS secret");
        if (!reply.ok()) {
            throw new IllegalStateException("login failed: " + reply.statusLine());
        }
    }

    /**
     * Feeds raw client octets as the transport would: complete lines are dispatched in this
     * harness's session until a reply closes it; a line over the limit gets the line-too-long reply.
     *
     * @return the replies, in order
     */
    public List<Reply> feed(byte[] octets) {
        List<Reply> replies = new ArrayList<>();
        decoder.feed(ByteBuffer.wrap(octets), new LineDecoder.Sink() {
            @Override
            public void line(String line, int length) {
                if (!ended) {
                    SessionState state = session.state();
                    Reply reply = answered(dispatcher.dispatch(session, line, length), replies);
                    committed = ended && reply.ok() && state == SessionState.TRANSACTION;
                }
            }

            @Override
            public void tooLong() {
                if (!ended) {
                    answered(dispatcher.lineTooLong(session), replies);
                }
            }
        });
        return replies;
    }

    public List<Reply> feed(String text) {
        return feed(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a fed QUIT in TRANSACTION answered {@code +OK}: the session committed its deletions. */
    public boolean committed() {
        return committed;
    }

    private Reply answered(Dispatcher.Outcome outcome, List<Reply> replies) {
        last = outcome;
        replies.add(outcome.reply());
        ended = outcome.reply().after() == Reply.After.CLOSE;
        return outcome.reply();
    }

    /** The exact octets the reply puts on the wire. */
    public static byte[] wire(Reply reply) {
        try (ReplyStream stream = new ReplyStream(reply)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                out.writeBytes(chunk);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String wireText(Reply reply) {
        return new String(wire(reply), StandardCharsets.UTF_8);
    }
}
