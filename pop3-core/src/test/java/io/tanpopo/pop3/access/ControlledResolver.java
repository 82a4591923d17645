package io.tanpopo.pop3.access;

import io.tanpopo.resolver.HostResolver;
import io.tanpopo.resolver.Resolution;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A resolver whose lookups the test answers by hand, or never. */
final class ControlledResolver implements HostResolver {

    /** One lookup the server started. */
    record Lookup(InetAddress address, CompletableFuture<Resolution> answer) {
        void name(String name) {
            answer.complete(Resolution.named(name, "test", Duration.ofMillis(1), "scripted", Duration.ofMinutes(1)));
        }

        void temporaryFailure() {
            answer.complete(Resolution.temporaryFailure("test", Duration.ofMillis(1), "scripted SERVFAIL"));
        }
    }

    private final BlockingQueue<Lookup> lookups = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<Resolution> resolve(InetAddress address) {
        CompletableFuture<Resolution> answer = new CompletableFuture<>();
        lookups.add(new Lookup(address, answer));
        return answer;
    }

    /** The next lookup the server starts, waiting at most five seconds for it. */
    Lookup next() throws InterruptedException {
        Lookup lookup = lookups.poll(5, TimeUnit.SECONDS);
        if (lookup == null) {
            throw new AssertionError("the server started no lookup within 5 s");
        }
        return lookup;
    }
}
