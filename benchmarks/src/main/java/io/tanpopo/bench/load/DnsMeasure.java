package io.tanpopo.bench.load;

import io.tanpopo.testsupport.ScriptedDnsServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Measure 7: login latency with a black-holed DNS server configured, against the same server with
 * resolution off (the story tanpopo began with is qmail behind tcpserver, whose logins waited up to two
 * minutes on reverse lookups that a dead DNS server never answered). Both sides are in-memory
 * tanpopo children ({@link ResolvingServer}): one with the app's default chain
 * {@code hosts,local-ptr,dns} whose {@code dns} asks the black hole ({@link ScriptedDnsServer#blackHole}), one with
 * {@code none}. Loopback and private addresses are answered by {@code hosts} or {@code local-ptr}
 * without DNS, by design; a {@code dns}-only chain, reported as information, shows what a client
 * whose name only DNS knows costs: one deadline at its first login, then nothing while the
 * failure is cached.
 */
record DnsMeasure(Workspace work, Options options, Results results) implements Measure {

    /**
     * Logins per run and side (also bounded by {@code --seconds}). A login takes 0.2–0.3 ms here; the
     * medians of 200 moved by up to 2× between runs on the loaded 2-core machine.
     */
    private static final int LOGINS = 1000;
    /** Logins after the first in each {@code dns}-only server. */
    private static final int LATER = 20;

    private static final double TARGET = 1.1;

    @Override
    public void run() throws Exception {
        System.out.println("== 7. login latency: black-holed DNS server configured vs resolution off");
        try (ScriptedDnsServer hole = ScriptedDnsServer.blackHole()) {
            System.out.println("   black-holed DNS server (UDP) at " + hole.address());
            List<InetAddress> second = secondAddress();
            try (ServerJvm resolving = work.tanpopoResolving("hosts,local-ptr,dns", hole.address(), 1);
                    ServerJvm off = work.tanpopoResolving("none", hole.address(), 1)) {
                compare(
                        hole,
                        resolving.port(),
                        off.port(),
                        LoginLatency.Source.fixed(InetAddress.getLoopbackAddress()));
                for (InetAddress from : second) {
                    compare(hole, resolving.port(), off.port(), LoginLatency.Source.fixed(from));
                }
                if (!second.isEmpty()) {
                    compare(hole, resolving.port(), off.port(), LoginLatency.Source.freshEachLogin());
                }
            }
            dnsOnly(hole, second);
        }
    }

    /** 127.0.0.2 if a client socket can be bound there (Linux routes all of 127/8 to loopback). */
    private static List<InetAddress> secondAddress() {
        InetAddress second = LoginLatency.ipv4(127, 0, 0, 2);
        if (LoginLatency.canBind(second)) {
            return List.of(second);
        }
        System.out.println("   cannot bind a client socket to 127.0.0.2: measuring from 127.0.0.1 only");
        return List.of();
    }

    private void compare(ScriptedDnsServer hole, int resolvingPort, int offPort, LoginLatency.Source source)
            throws Exception {
        long before = hole.queries();
        LoginLatency resolving = new LoginLatency(source);
        LoginLatency off = new LoginLatency(source);
        String measure = "7. login latency, " + source.label() + " (ms)";
        // Not SideBySide's alternating runs: the two sides' logins alternate within each run, as a
        // 0.2 ms loopback login moves by more than the difference sought from one run to the next.
        LoginLatency.interleaved(resolving, resolvingPort, off, offPort, LOGINS, options.seconds()); // warm-up
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            double[] run = LoginLatency.interleaved(resolving, resolvingPort, off, offPort, LOGINS, options.seconds());
            ours.add(run[0]);
            theirs.add(run[1]);
        }
        System.out.printf(
                "   %s, black-holed DNS configured: tanpopo %s, resolution off %s (logins interleaved)%n",
                measure, Stats.runs(ours, "%.3f"), Stats.runs(theirs, "%.3f"));
        double[] m = {Stats.median(ours), Stats.median(theirs)};
        System.out.printf(
                "   slowest login: black-holed DNS configured %.1f ms, resolution off %.1f ms;"
                        + " DNS queries swallowed: %d%n",
                resolving.slowest(), off.slowest(), hole.queries() - before);
        results.add(Results.Row.atMost(
                measure,
                String.format("%.3f", m[0]),
                "resolution off",
                String.format("%.3f", m[1]),
                m[0] / m[1],
                TARGET));
    }

    /** Information: a fresh {@code dns}-only server per run; the first login from each address waits the deadline. */
    private void dnsOnly(ScriptedDnsServer hole, List<InetAddress> second) throws Exception {
        System.out.println("   dns-only chain at the black hole, a fresh server per run:");
        long before = hole.queries();
        List<InetAddress> addresses = new ArrayList<>(List.of(InetAddress.getLoopbackAddress()));
        addresses.addAll(second);
        List<Double> first = new ArrayList<>();
        List<Double> later = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            try (ServerJvm server = work.tanpopoResolving("dns", hole.address(), 1)) {
                for (InetAddress from : addresses) {
                    first.add(LoginLatency.once(server.port(), from));
                }
                for (int i = 0; i < LATER; i++) {
                    later.add(LoginLatency.once(server.port(), addresses.get(i % addresses.size())));
                }
            }
        }
        long queries = hole.queries() - before;
        System.out.printf(
                "   first login per address (ms): %s; later logins: median %.3f ms, slowest %.1f ms;"
                        + " DNS queries swallowed: %d%n",
                Stats.runs(first, "%.1f"),
                Stats.median(later),
                later.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                queries);
        results.note(String.format(
                "7. (information, no target) dns-only chain at the black-holed server, 1 s deadline:"
                        + " first login from an address %.0f ms (median of %d: %s), later logins %.3f ms (the temporary"
                        + " failure is cached); %d DNS queries swallowed",
                Stats.median(first),
                first.size(),
                addresses.size() > 1
                        ? "127.0.0.1 and 127.0.0.2, a fresh server per run"
                        : "127.0.0.1, a fresh server per run",
                Stats.median(later),
                queries));
    }
}
