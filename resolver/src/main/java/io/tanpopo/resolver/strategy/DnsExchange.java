package io.tanpopo.resolver.strategy;

import io.tanpopo.resolver.AddressText;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * One query to one DNS server with dnsjava's asynchronous API. The reply is parsed by dnsjava
 * within the EDNS payload size offered (RFC 6891), and a failure is a short text, never an
 * exception.
 */
final class DnsExchange {

    /** 1232 octets avoid IP fragmentation (the DNS flag day 2020 value). */
    private static final int EDNS_PAYLOAD = 1232;

    private static final int MAX_REASON = 120;

    private DnsExchange() {}

    /** A response, or why there is none. */
    record Reply(Message message, String failure) {}

    /**
     * Sends one query. With {@code ownTimer} the reply is given up after {@code timeout} on the
     * scheduler, because dnsjava checks its own timeouts only about once a second.
     */
    static CompletableFuture<Reply> send(
            InetSocketAddress server,
            Name name,
            int type,
            Duration timeout,
            boolean ownTimer,
            ScheduledExecutorService scheduler) {
        SimpleResolver resolver = new SimpleResolver(server);
        // With our own timer, dnsjava's is only a backstop, so that one reason is reported.
        resolver.setTimeout(ownTimer ? timeout.multipliedBy(2) : timeout);
        resolver.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        CompletableFuture<Reply> reply = resolver.sendAsync(query, scheduler)
                .toCompletableFuture()
                .handle((message, failure) -> new Reply(message, failure == null ? null : reason(failure)));
        if (!ownTimer) {
            return reply;
        }
        ScheduledFuture<?> timer = scheduler.schedule(
                () -> reply.complete(new Reply(null, "no answer within " + timeout.toMillis() + " ms")),
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        // Only cancels the timer; the answer goes to the caller through reply.
        var unused = reply.whenComplete((r, e) -> timer.cancel(false));
        return reply;
    }

    static String describe(InetSocketAddress server) {
        return AddressText.of(server);
    }

    private static String reason(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }
}
