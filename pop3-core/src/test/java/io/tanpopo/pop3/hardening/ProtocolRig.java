package io.tanpopo.pop3.hardening;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.Pop3Config;
import io.tanpopo.pop3.protocol.CommandTable;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.ProtocolContext;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.protocol.SessionState;
import io.tanpopo.pop3.session.LineDecoder;
import io.tanpopo.pop3.session.ReplyStream;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.store.memory.MemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real protocol stack without sockets, for fuzzing whole sessions: bytes go through the same
 * {@link LineDecoder} the transport uses into a {@link Dispatcher}, and every reply is checked
 * against the invariants that must hold whatever the client sends.
 */
final class ProtocolRig {

    /** Messages every rig's alice starts with: a dot-line body and bare LF line endings. */
    static final List<String> SEED = List.of(
            "Subject: one\r\n\r\nhello\r\n.dot line\r\n..two dots\r\n",
            "Subject: two\n\nbare LF\nlines\n.\n",
            "Subject: three\r\n\r\n" + "x".repeat(3000) + "\r\n");

    static final int LINE_CAPACITY = 16 * 1024;

    final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    final MemoryStore store = new MemoryStore(true);
    final Dispatcher dispatcher;
    final Pop3Session session;
    final List<MessageInfo> before;
    private final LineDecoder decoder = new LineDecoder(LINE_CAPACITY);
    private boolean ended;
    private boolean committed;
    final List<String> statusLines = new ArrayList<>();

    ProtocolRig() {
        users.put("alice", "secret");
        users.put("bob", "hunter2");
        SEED.forEach(m -> store.mailbox("alice").add(m));
        store.mailbox("bob").add("Subject: b\r\n\r\nb\r\n");
        before = store.mailbox("alice").messages();
        Pop3Config config = new Pop3Config(
                "127.0.0.1",
                0,
                "pop.example",
                Duration.ofMinutes(10),
                20,
                255,
                Duration.ofSeconds(1),
                Duration.ofSeconds(15),
                Optional.of(Duration.ofSeconds(1)),
                Optional.of("NEVER"),
                2);
        ProtocolContext context = ProtocolContext.of(config, users, store, "fuzz", SessionListener.none());
        dispatcher = new Dispatcher(context, CommandTable.standard(context));
        session = new Pop3Session(
                "f1",
                "<1.2@pop.example>",
                new ConnectionInfo(
                        new InetSocketAddress("127.0.0.1", 110),
                        new InetSocketAddress("127.0.0.1", 40000),
                        "pop.example",
                        Optional.empty(),
                        false,
                        Map.of()));
    }

    /** Feeds raw client bytes; lines are dispatched until the session ends. */
    void feed(byte[] bytes) {
        decoder.feed(ByteBuffer.wrap(bytes), new LineDecoder.Sink() {
            @Override
            public void line(String line, int octets) {
                if (!ended) {
                    SessionState state = session.state();
                    Reply reply =
                            check(dispatcher.dispatch(session, line, octets).reply());
                    if (reply.after() == Reply.After.CLOSE) {
                        ended = true;
                        committed = reply.ok() && state == SessionState.TRANSACTION;
                    }
                }
            }

            @Override
            public void tooLong() {
                if (!ended) {
                    Reply reply = check(dispatcher.lineTooLong(session).reply());
                    ended = reply.after() == Reply.After.CLOSE;
                }
            }
        });
    }

    void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The connection is gone: releases the maildrop as the driver does, then checks that nothing
     * changed unless a QUIT in TRANSACTION committed.
     */
    void disconnectAndVerify() {
        session.close().ifPresent(m -> m.close());
        List<MessageInfo> after = store.mailbox("alice").messages();
        if (committed) {
            if (!before.containsAll(after)) {
                throw new AssertionError("a commit added or changed messages: " + after);
            }
        } else if (!after.equals(before)) {
            throw new AssertionError("maildrop changed without a committed QUIT: " + after);
        }
        if (store.mailbox("alice").isLocked() || store.mailbox("bob").isLocked()) {
            throw new AssertionError("a maildrop is still locked after the session ended");
        }
        if (!store.mailbox("bob")
                .messages()
                .equals(List.of(store.mailbox("bob").messages().get(0)))) {
            throw new AssertionError("another user's maildrop changed");
        }
    }

    /** The invariants of every reply: one status line within RFC 2449's 512 octets, well-formed body. */
    private Reply check(Reply reply) {
        String status = reply.statusLine();
        statusLines.add(status);
        int octets = status.getBytes(StandardCharsets.UTF_8).length + 2;
        if (octets > 512) {
            throw new AssertionError("status line of " + octets + " octets: " + abbreviate(status));
        }
        if (status.indexOf('\r') >= 0 || status.indexOf('\n') >= 0) {
            throw new AssertionError("status line spans lines: " + abbreviate(status));
        }
        if (!status.startsWith("+OK") && !status.startsWith("-ERR") && !status.startsWith("+ ")) {
            throw new AssertionError("bad status: " + abbreviate(status));
        }
        if (reply.code().isPresent() && reply.text().contains("Internal error")) {
            throw new AssertionError("a command threw (answered 'Internal error'): " + status);
        }
        byte[] wire = wire(reply);
        if (reply.body().isPresent()) {
            byte[] end = {'\r', '\n', '.', '\r', '\n'};
            if (wire.length < 5 || !Arrays.equals(Arrays.copyOfRange(wire, wire.length - 5, wire.length), end)) {
                throw new AssertionError("multi-line reply not ended by CRLF.CRLF: " + status);
            }
        }
        return reply;
    }

    static byte[] wire(Reply reply) {
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

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
