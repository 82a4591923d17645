package io.tanpopo.pop3.hardening;

import io.tanpopo.pop3.protocol.ProtocolHarness;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.store.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A whole session from fuzzed input, fed through {@link ProtocolHarness}, and the invariants that
 * must hold whatever the client sends: checked on every reply and after the connection is gone.
 */
final class FuzzedSession {

    /** Messages alice starts with: a dot-line body and bare LF line endings. */
    static final List<String> SEED = List.of(
            "Subject: one\r\n\r\nhello\r\n.dot line\r\n..two dots\r\n",
            "Subject: two\n\nbare LF\nlines\n.\n",
            "Subject: three\r\n\r\n" + "x".repeat(3000) + "\r\n");

    private final ProtocolHarness pop = new ProtocolHarness(
            ProtocolHarness.config(Optional.of(Duration.ofSeconds(1)), Optional.of("NEVER"), 20), null, null);
    private final List<MessageInfo> before;

    FuzzedSession() {
        pop.users.put("bob", "hunter2");
        SEED.forEach(m -> pop.store.mailbox("alice").add(m));
        pop.store.mailbox("bob").add("Subject: b\r\n\r\nb\r\n");
        before = pop.store.mailbox("alice").messages();
    }

    /** Feeds raw client bytes and checks every reply. */
    void feed(byte[] bytes) {
        pop.feed(bytes).forEach(FuzzedSession::check);
    }

    void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The connection is gone: releases the maildrop as the driver does, then checks that nothing
     * changed unless a QUIT in TRANSACTION committed.
     */
    void disconnectAndVerify() {
        pop.session.close().ifPresent(m -> m.close());
        List<MessageInfo> after = pop.store.mailbox("alice").messages();
        if (pop.committed()) {
            if (!before.containsAll(after)) {
                throw new AssertionError("a commit added or changed messages: " + after);
            }
        } else if (!after.equals(before)) {
            throw new AssertionError("maildrop changed without a committed QUIT: " + after);
        }
        if (pop.store.mailbox("alice").isLocked() || pop.store.mailbox("bob").isLocked()) {
            throw new AssertionError("a maildrop is still locked after the session ended");
        }
        if (!pop.store
                .mailbox("bob")
                .messages()
                .equals(List.of(pop.store.mailbox("bob").messages().get(0)))) {
            throw new AssertionError("another user's maildrop changed");
        }
    }

    /** The invariants of every reply: one status line within RFC 2449's 512 octets, well-formed body. */
    private static void check(Reply reply) {
        String status = reply.statusLine();
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
        byte[] wire = ProtocolHarness.wire(reply);
        if (reply.body().isPresent()) {
            byte[] end = {'\r', '\n', '.', '\r', '\n'};
            if (wire.length < 5 || !Arrays.equals(Arrays.copyOfRange(wire, wire.length - 5, wire.length), end)) {
                throw new AssertionError("multi-line reply not ended by CRLF.CRLF: " + status);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
