package io.tanpopo.resolver.strategy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS servers for the PTR record of an address (RFC 1035 §3.5, RFC 3596 §2.5), trying the
 * servers in order while they fail temporarily. NXDOMAIN and NODATA are no name; SERVFAIL,
 * REFUSED and timeouts are temporary failures. With forward confirmation the PTR name's A/AAAA
 * records must contain the address (the check tcpserver does with {@code -p}), otherwise no name.
 *
 * <p>The overall deadline is the chain's; {@code perServerTimeout} only moves on to the next
 * server. Queries use dnsjava's asynchronous API; callbacks run on the given scheduler.
 */
public final class DnsStrategy implements ResolverStrategy {

    private final List<InetSocketAddress> servers;
    private final Duration perServerTimeout;
    private final boolean forwardConfirm;
    private final ScheduledExecutorService scheduler;

    /**
     * @param servers          DNS servers to ask, in order
     * @param perServerTimeout how long to wait for one server before asking the next
     * @param forwardConfirm   whether the PTR name must resolve back to the address
     * @param scheduler        runs dnsjava's completion callbacks and the per-server timeout
     */
    public DnsStrategy(
            List<InetSocketAddress> servers,
            Duration perServerTimeout,
            boolean forwardConfirm,
            ScheduledExecutorService scheduler) {
        this.servers = List.copyOf(servers);
        this.perServerTimeout = Objects.requireNonNull(perServerTimeout, "perServerTimeout");
        this.forwardConfirm = forwardConfirm;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public CompletableFuture<StrategyAnswer> lookup(InetAddress address) {
        if (servers.isEmpty()) {
            return CompletableFuture.completedFuture(StrategyAnswer.temporaryFailure("no DNS servers"));
        }
        return askServer(0, address, ReverseMap.fromAddress(address));
    }

    private CompletableFuture<StrategyAnswer> askServer(int index, InetAddress address, Name qname) {
        InetSocketAddress server = servers.get(index);
        String where = describe(server);
        return send(server, qname, Type.PTR, index + 1 < servers.size()).thenCompose(reply -> {
            StrategyAnswer answer = reply.failure() != null
                    ? StrategyAnswer.temporaryFailure(where + " " + reply.failure())
                    : DnsResponses.ptr(reply.message(), qname, where);
            if (answer.kind() == StrategyAnswer.Kind.TEMPORARY_FAILURE && index + 1 < servers.size()) {
                return askServer(index + 1, address, qname);
            }
            if (answer.kind() == StrategyAnswer.Kind.NAME && forwardConfirm) {
                return confirm(server, address, answer);
            }
            return CompletableFuture.completedFuture(answer);
        });
    }

    private CompletableFuture<StrategyAnswer> confirm(
            InetSocketAddress server, InetAddress address, StrategyAnswer ptr) {
        String name = ptr.name().orElseThrow();
        int type = address instanceof Inet4Address ? Type.A : Type.AAAA;
        Name forward;
        try {
            forward = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(
                    StrategyAnswer.noName(ptr.source() + ", unparsable name", Duration.ZERO, ptr.soa()));
        }
        return send(server, forward, type, false).thenApply(reply -> {
            if (reply.failure() != null) {
                return StrategyAnswer.temporaryFailure(describe(server) + " forward " + reply.failure());
            }
            if (DnsResponses.confirms(reply.message(), address)) {
                return StrategyAnswer.named(name, ptr.source() + ", forward-confirmed", ptr.ttl());
            }
            if (reply.message().getRcode() == Rcode.SERVFAIL) {
                return StrategyAnswer.temporaryFailure(describe(server) + " forward SERVFAIL");
            }
            return StrategyAnswer.noName(
                    ptr.source() + ", forward confirmation of " + name + " failed", ptr.ttl(), ptr.soa());
        });
    }

    private CompletableFuture<DnsExchange.Reply> send(
            InetSocketAddress server, Name name, int type, boolean moreServers) {
        // The last server may use what is left of the chain's deadline; others only their share.
        return DnsExchange.send(server, name, type, perServerTimeout, moreServers, scheduler);
    }

    static String describe(InetSocketAddress server) {
        return DnsExchange.describe(server);
    }
}
