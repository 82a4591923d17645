package io.tanpopo.pop3.protocol;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/** The multi-line part of a reply (RFC 1939 §3), sent after the status line and ended by ".". */
public sealed interface ReplyBody {

    /** Short text lines (CAPA, LIST, UIDL); each is dot-stuffed when sent. */
    record Lines(List<String> lines) implements ReplyBody {
        public Lines {
            lines = List.copyOf(lines);
        }
    }

    /**
     * A stored message, streamed: line endings become CRLF and lines are dot-stuffed on the way out.
     *
     * @param content the message as stored; closed by whoever sends it
     * @param bodyLines for TOP, how many body lines follow the header; -1 for the whole message
     */
    record Message(InputStream content, long bodyLines) implements ReplyBody {
        public Message {
            Objects.requireNonNull(content, "content");
        }
    }
}
