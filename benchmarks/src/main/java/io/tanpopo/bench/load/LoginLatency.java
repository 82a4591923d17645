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
 * a {@link Source}; a run is bounded by a count and by time; each side keeps its slowest login.
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

    /** The next login of this source to {@code port}; ms from connect to the {@code +OK} of PASS. */
    double login(int port) throws IOException {
        double latency = once(port, source.address().apply(next++));
        slowest = Math.max(slowest, latency);
        return latency;
    }

    /**
     * One run of two sides: up to {@code logins} logins each, stopping after {@code seconds}, to the
     * two servers in turn (which goes first alternates), so that what else the machine does falls
     * on both alike. Returns the two medians in ms.
     */
    static double[] interleaved(LoginLatency a, int portA, LoginLatency b, int portB, int logins, double seconds)
            throws IOException {
        List<Double> msA = new ArrayList<>();
        List<Double> msB = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        do {
            if (msA.size() % 2 == 0) {
                msA.add(a.login(portA));
                msB.add(b.login(portB));
            } else {
                msB.add(b.login(portB));
                msA.add(a.login(portA));
            }
        } while (msA.size() < logins && System.nanoTime() < deadline);
        return new double[] {Stats.median(msA), Stats.median(msB)};
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
