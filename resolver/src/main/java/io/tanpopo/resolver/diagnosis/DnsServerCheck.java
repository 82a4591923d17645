package io.tanpopo.resolver.diagnosis;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Asks each configured DNS server for the PTR of 127.0.0.1 (which every resolver should answer
 * locally, RFC 6303 §4.2) and reports rcode and latency, or that no answer came within the timeout.
 * All servers are asked in parallel; {@link #check()} blocks at most about one timeout.
 */
public final class DnsServerCheck {

    private static final Name LOOPBACK_PTR = Name.fromConstantString("1.0.0.127.in-addr.arpa.");

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;

    /**
     * @param servers  the servers to check
     * @param timeout  how long to wait for each
     * @param scheduler runs completions and the timeout
     */
    public DnsServerCheck(List<InetSocketAddress> servers, Duration timeout, ScheduledExecutorService scheduler) {
        this.servers = List.copyOf(servers);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Checks every server; the result is in the order of the servers. */
    public List<ServerCheckResult> check() {
        List<CompletableFuture<ServerCheckResult>> all =
                servers.stream().map(this::checkOne).toList();
        return all.stream().map(CompletableFuture::join).toList();
    }

    /** Renders results one per line. */
    public static String render(List<ServerCheckResult> results) {
        return results.stream().map(ServerCheckResult::render).collect(Collectors.joining("\n", "", "\n"));
    }

    private CompletableFuture<ServerCheckResult> checkOne(InetSocketAddress server) {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        long start = System.nanoTime();
        Message query = Message.newQuery(Record.newRecord(LOOPBACK_PTR, Type.PTR, DClass.IN));
        CompletableFuture<Message> response =
                resolver.sendAsync(query, scheduler).toCompletableFuture();
        // dnsjava notices its own timeout only about once a second.
        ScheduledFuture<?> timer =
                scheduler.schedule(() -> response.complete(null), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return response.whenComplete((m, e) -> timer.cancel(false)).handle((message, failure) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (message == null) {
                String why = failure == null
                        ? "no answer within " + timeout.toMillis() + " ms"
                        : String.valueOf(
                                failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage());
                return new ServerCheckResult(server, false, "-", latency, why);
            }
            return new ServerCheckResult(
                    server,
                    true,
                    Rcode.string(message.getRcode()),
                    latency,
                    message.getSection(Section.ANSWER).size() + " answer record(s)");
        });
    }
}
