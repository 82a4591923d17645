package io.tanpopo.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Sequential logins for measure 7, one connection at a time: the latency of one login is the time
 * from connect to the {@code +OK} of PASS (QUIT follows, untimed). Where each login comes from is
 * a {@link Source}; a run is bounded by a count and by time, and keeps its slowest login.
 */
final class LoginLatency {

    /** Where login number {@code n} (counted from 0 over all runs of one side) connects from. */
    record Source(String label, IntFunction<InetAddress> address) {

        static Source fixed(InetAddress from) {
            return new Source("from " + from.getHostAddress(), n -> from);
        }

        /** A new loopback address per login (127.1.0.1, 127.1.0.2, …), so no lookup is ever cached. */
        static Source freshEachLogin() {
            return new Source("from a new loopback address each login", n -> ipv4(127, 1, n / 250 % 256, n % 250 + 1));
        }
    }

    private final Source source;
    private int next;
    private double slowest;

    LoginLatency(Source source) {
        this.source = source;
    }

    /** Up to {@code logins} logins, stopping after {@code seconds}; returns their median in ms. */
    double run(int port, int logins, double seconds) throws IOException {
        List<Double> ms = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        do {
            double latency = once(port, source.address().apply(next++));
            slowest = Math.max(slowest, latency);
            ms.add(latency);
        } while (ms.size() < logins && System.nanoTime() < deadline);
        return Stats.median(ms);
    }

    /** The slowest login of all runs so far (ms). */
    double slowest() {
        return slowest;
    }

    /** One login from {@code from}: ms from connect to the {@code +OK} of PASS. */
    static double once(int port, InetAddress from) throws IOException {
        long t0 = System.nanoTime();
        try (Pop3Client pop = Pop3Client.connect(from, port, 4096)) {
            pop.login("u0", ServerChild.PASSWORD);
            double ms = (System.nanoTime() - t0) / 1e6;
            pop.quit();
            return ms;
        }
    }

    /** Whether a client socket can be bound to {@code address} on this machine. */
    static boolean canBind(InetAddress address) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (IOException e) {
            throw new IllegalStateException(e); // four octets are always a valid address
        }
    }
}
