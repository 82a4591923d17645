package io.tanpopo.pop3.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command answers: the status line, an optional multi-line body, and what the connection
 * does once the reply is sent. Texts are fixed strings chosen by tanpopo, never exception
 * messages or anything a backend said.
 */
public record Reply(boolean ok, Optional<ResponseCode> code, String text, Optional<ReplyBody> body, After after) {

    /** What happens after the reply is on the wire. */
    public enum After {
        /** Read the next command. */
        CONTINUE,
        /** Close the connection. */
        CLOSE,
        /** Start TLS (RFC 2595 §4), discarding anything the client sent after the command. */
        START_TLS
    }

    public Reply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(after, "after");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line");
        }
    }

    public static Reply ok(String text) {
        return new Reply(true, Optional.empty(), text, Optional.empty(), After.CONTINUE);
    }

    public static Reply ok(String text, List<String> lines) {
        return new Reply(true, Optional.empty(), text, Optional.of(new ReplyBody.Lines(lines)), After.CONTINUE);
    }

    public static Reply ok(String text, ReplyBody body) {
        return new Reply(true, Optional.empty(), text, Optional.of(body), After.CONTINUE);
    }

    public static Reply err(String text) {
        return new Reply(false, Optional.empty(), text, Optional.empty(), After.CONTINUE);
    }

    public static Reply err(ResponseCode code, String text) {
        return new Reply(false, Optional.of(code), text, Optional.empty(), After.CONTINUE);
    }

    /** The same reply, followed by {@code next}. */
    public Reply then(After next) {
        return new Reply(ok, code, text, body, next);
    }

    /** The first line as sent, without CRLF, e.g. {@code -ERR [AUTH] Authentication failed}. */
    public String statusLine() {
        StringBuilder line = new StringBuilder(ok ? "+OK" : "-ERR");
        code.ifPresent(c -> line.append(" [").append(c.wire()).append(']'));
        if (!text.isEmpty()) {
            line.append(' ').append(text);
        }
        return line.toString();
    }

    /** Whether this reply tells the client its credentials were wrong. */
    public boolean isAuthFailure() {
        return !ok && code.filter(c -> c == ResponseCode.AUTH).isPresent();
    }
}
