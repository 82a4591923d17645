package io.tanpopo.pop3.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command answers: the status line, an optional multi-line body, and what the connection
 * does once the reply is sent. Texts are fixed strings chosen by tanpopo, never exception
 * messages or anything a backend said.
 */
public record Reply(Status status, Optional<ResponseCode> code, String text, Optional<ReplyBody> body, After after) {

    /** The first token of the status line. */
    public enum Status {
        /** {@code +OK} */
        OK,
        /** {@code -ERR} */
        ERR,
        /** {@code + data}: a SASL challenge that awaits the client's response (RFC 5034 §4). */
        CONTINUE
    }

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
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(after, "after");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text must be one line");
        }
    }

    public static Reply ok(String text) {
        return new Reply(Status.OK, Optional.empty(), text, Optional.empty(), After.CONTINUE);
    }

    public static Reply ok(String text, List<String> lines) {
        return new Reply(Status.OK, Optional.empty(), text, Optional.of(new ReplyBody.Lines(lines)), After.CONTINUE);
    }

    public static Reply ok(String text, ReplyBody body) {
        return new Reply(Status.OK, Optional.empty(), text, Optional.of(body), After.CONTINUE);
    }

    public static Reply err(String text) {
        return new Reply(Status.ERR, Optional.empty(), text, Optional.empty(), After.CONTINUE);
    }

    public static Reply err(ResponseCode code, String text) {
        return new Reply(Status.ERR, Optional.of(code), text, Optional.empty(), After.CONTINUE);
    }

    /** A SASL challenge, {@code + base64}; the next line the client sends is its response. */
    public static Reply challenge(String base64) {
        return new Reply(Status.CONTINUE, Optional.empty(), base64, Optional.empty(), After.CONTINUE);
    }

    /** Whether this is a positive reply ({@code +OK}). */
    public boolean ok() {
        return status == Status.OK;
    }

    /** The same reply, followed by {@code next}. */
    public Reply then(After next) {
        return new Reply(status, code, text, body, next);
    }

    /** The first line as sent, without CRLF, e.g. {@code -ERR [AUTH] Authentication failed}. */
    public String statusLine() {
        if (status == Status.CONTINUE) {
            return "+ " + text;
        }
        StringBuilder line = new StringBuilder(status == Status.OK ? "+OK" : "-ERR");
        code.ifPresent(c -> line.append(" [").append(c.wire()).append(']'));
        if (!text.isEmpty()) {
            line.append(' ').append(text);
        }
        return line.toString();
    }

    /** Whether this reply tells the client its credentials were wrong. */
    public boolean isAuthFailure() {
        return status == Status.ERR && code.filter(c -> c == ResponseCode.AUTH).isPresent();
    }
}
