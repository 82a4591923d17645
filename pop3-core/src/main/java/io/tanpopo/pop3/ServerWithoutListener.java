package io.tanpopo.pop3;

import io.tanpopo.pop3.config.Pop3Config;
import io.tanpopo.pop3.session.Pop3Protocol;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A server's protocol and threads without a listening socket, for a transport the embedder brings:
 * the {@code stdio} mode runs one session over standard input and output under tcpserver or inetd.
 * The protocol is transport-agnostic (a {@code Connection} is all it
 * needs); TLS is off. Made by {@link Pop3ServerBuilder#startWithoutListener()}.
 */
public final class ServerWithoutListener implements AutoCloseable {

    private final Pop3Protocol protocol;
    private final ServerParts parts;

    ServerWithoutListener(ServerParts parts) {
        this.parts = parts;
        this.protocol = parts.protocol(false);
    }

    public Pop3Protocol protocol() {
        return protocol;
    }

    /** The server's timer, for the caller's idle timeout. */
    public ScheduledExecutorService timer() {
        return parts.threads().timer();
    }

    public Pop3Config config() {
        return parts.config();
    }

    /** Stops the threads, after the running command (at most a few seconds). */
    @Override
    public void close() {
        parts.threads().stop();
    }
}
