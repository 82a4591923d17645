package io.tanpopo.testkit;

import io.tanpopo.pop3.protocol.ResponseCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What an injected fault does to the command it hits. */
public sealed interface Fault {

    /** Answer {@code -ERR} (with a response code, if given) instead of running the command. */
    record Err(Optional<ResponseCode> code, String text) implements Fault {
        public Err {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(text, "text");
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must be one line");
            }
        }
    }

    /** Run the command, and send its reply this much later (scheduled, not slept). */
    record Delay(Duration duration) implements Fault {
        public Delay {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("delay must be 0 to 10 minutes, not " + duration);
            }
        }
    }

    /** Close the connection without answering; nothing is committed. */
    record Drop() implements Fault {}

    /**
     * For RETR and TOP: send the status line and the first {@code octets} octets of the stored
     * message, then close the connection (no terminating ".").
     */
    record DropMidBody(long octets) implements Fault {
        public DropMidBody {
            if (octets < 0) {
                throw new IllegalArgumentException("octets must not be negative: " + octets);
            }
        }
    }

    /** For LIST: report message {@code message}'s size off by {@code delta} octets. */
    record WrongListSize(int message, long delta) implements Fault {
        public WrongListSize {
            if (message < 1) {
                throw new IllegalArgumentException("message numbers start at 1, not " + message);
            }
        }
    }

    /**
     * For QUIT in the TRANSACTION state: the commit fails, nothing is removed, and the client gets
     * {@code -ERR [SYS/TEMP] Some deleted messages not removed} (RFC 1939 §6, RFC 3206).
     */
    record FailCommit() implements Fault {}
}
