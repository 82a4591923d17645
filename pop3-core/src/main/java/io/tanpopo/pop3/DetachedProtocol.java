package io.tanpopo.pop3;

import io.tanpopo.pop3.session.Pop3Protocol;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A server's protocol without a listener, for a transport the embedder brings: the {@code stdio}
 * mode runs one session over standard input and output under tcpserver or inetd. The protocol is
 * transport-agnostic (a {@link io.tanpopo.pop3.session.Connection} is all it needs); TLS is off.
 * Made by {@link Pop3ServerBuilder#detached()}.
 */
public final class DetachedProtocol implements AutoCloseable {

    private final Pop3Protocol protocol;
    private final Pop3ServerBuilder.Parts parts;

    DetachedProtocol(Pop3ServerBuilder.Parts parts) {
        this.parts = parts;
        this.protocol = Pop3Server.protocol(parts, false);
    }

    public Pop3Protocol protocol() {
        return protocol;
    }

    /** The server's timer, for the caller's idle timeout. */
    public ScheduledExecutorService timer() {
        return parts.timer();
    }

    public Pop3Config config() {
        return parts.config();
    }

    /** Stops the threads, after the running command (at most a few seconds). */
    @Override
    public void close() {
        parts.timer().shutdownNow();
        Pop3Server.stop(parts.authentication(), parts.workers());
    }
}
