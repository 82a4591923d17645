package io.tanpopo.pop3.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.management.OperatingSystemMXBean;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.transport.BareMinaServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Time from "start a server" to "the client has the greeting", for tanpopo's bare server (on the
 * JVM's shared I/O threads, as by default, or with its own: {@code tanpopo-own}), the test kit, and
 * GreenMail 2.1: the first server in a fresh JVM, then the median of later ones in the same JVM.
 * {@code mina} is the floor: a bare MINA acceptor writing a fixed greeting ({@link BareMinaServer}).
 * The logging backend is initialised before the first server (pass {@code cold-logging} as the
 * third argument to include it). Besides wall time it reports thread CPU: the CPU time every live
 * Java thread spent from the builder to the greeting read (JIT and GC threads are not among them),
 * steadier than wall time on a shared machine. Not a unit test; run one implementation per fresh
 * JVM with the test classpath:
 *
 * <pre>
 * mvn -o -q -pl pop3-core -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp pop3-core/target/test-classes:pop3-core/target/classes:$(cat /tmp/cp.txt) \
 *     io.tanpopo.pop3.bench.StartupBenchmark tanpopo|tanpopo-own|greenmail|mina [later-runs] [cold-logging]
 * </pre>
 */
public final class StartupBenchmark {

    /** Thread CPU (ms) from the builder to the greeting read of the last {@link #once}. */
    private double threadCpu;
    /** Wall time (ms) from the builder to a started server, of the last {@link #once}. */
    private double starting;
    /** Wall time (ms) the last {@link #once} took to close its server. */
    private double closing;

    private Map<Long, Long> threadsAtStart;

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "tanpopo";
        int later = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        if (args.length < 3 || !args[2].equals("cold-logging")) {
            // Both servers log through SLF4J; initialising the backend (logback here, ~0.5-1 s) is the
            // test suite's cost, paid once whoever logs first, so it is kept out of both servers' figures.
            LoggerFactory.getLogger(StartupBenchmark.class).debug("logging initialised");
        }
        StartupBenchmark bench = new StartupBenchmark();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        threadCpu(); // its management classes load here, not in the first measurement
        FirstStart.mark();
        double first = bench.once(which);
        // CPU time of the whole process (JIT and GC threads included): steadier than wall time on a busy machine.
        double firstCpu = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        double firstThreadCpu = bench.threadCpu;
        double firstClose = bench.closing;
        double firstStart = bench.starting;
        double[] times = new double[later];
        double[] cpu = new double[later];
        double[] close = new double[later];
        double[] starts = new double[later];
        for (int i = 0; i < later; i++) {
            times[i] = bench.once(which);
            cpu[i] = bench.threadCpu;
            close[i] = bench.closing;
            starts[i] = bench.starting;
        }
        if (later == 0) {
            // e.g. with -Xlog:class+load, to count what the first server alone loads
            System.out.printf(
                    Locale.ROOT,
                    "%-14s first in fresh JVM: %8.1f ms (thread CPU %6.1f ms, process CPU %6.1f ms,"
                            + " close %5.1f ms, started after %5.1f ms)%n",
                    which,
                    first,
                    firstThreadCpu,
                    firstCpu,
                    firstClose,
                    firstStart);
            return;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        Arrays.sort(close);
        Arrays.sort(starts);
        System.out.printf(
                Locale.ROOT,
                "%-14s first in fresh JVM: %8.1f ms (thread CPU %6.1f ms, process CPU %6.1f ms,"
                        + " close %5.1f ms, started after %5.1f ms); later (n=%d): median %6.3f ms (thread CPU %6.3f ms,"
                        + " close %6.3f ms, started after %6.3f ms), min %6.3f ms, max %6.3f ms%n",
                which,
                first,
                firstThreadCpu,
                firstCpu,
                firstClose,
                firstStart,
                later,
                times[later / 2],
                cpu[later / 2],
                close[later / 2],
                starts[later / 2],
                times[0],
                times[later - 1]);
    }

    /** CPU time so far of each live Java thread, by id. */
    private static Map<Long, Long> threadCpu() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] nanos = threads.getThreadCpuTime(ids);
        Map<Long, Long> cpu = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            cpu.put(ids[i], Math.max(0, nanos[i]));
        }
        return cpu;
    }

    /**
     * Milliseconds of CPU the live threads spent since {@code before} (a thread started since counts
     * from 0; one that ended since is not counted: taken before the server closes, while its threads live).
     */
    private static double threadCpuSince(Map<Long, Long> before) {
        long spent = 0;
        for (Map.Entry<Long, Long> now : threadCpu().entrySet()) {
            spent += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return spent / 1e6;
    }

    /** Starts one server, reads its greeting, stops it; returns start-to-greeting in ms. */
    private double once(String which) throws IOException {
        threadsAtStart = threadCpu();
        long start = System.nanoTime();
        double greeted = run(which, start);
        closing = elapsed(start) - greeted;
        return greeted;
    }

    private double run(String which, long start) throws IOException {
        switch (which) {
            case "tanpopo" -> {
                try (Pop3Server server =
                        Pop3Server.builder().user("alice", "secret").start()) {
                    started(start);
                    greeting(server.port());
                    return elapsed(start);
                }
            }
            case "mina" -> {
                try (BareMinaServer server = BareMinaServer.start()) {
                    started(start);
                    greeting(server.port());
                    return elapsed(start);
                }
            }
            case "tanpopo-own" -> {
                try (Pop3Server server = Pop3Server.builder()
                        .ioThreads(1)
                        .user("alice", "secret")
                        .start()) {
                    started(start);
                    greeting(server.port());
                    return elapsed(start);
                }
            }
            case "greenmail" -> {
                GreenMail greenMail = new GreenMail(ServerSetupTest.POP3.dynamicPort());
                greenMail.start();
                try {
                    greenMail.setUser("alice", "secret");
                    started(start);
                    greeting(greenMail.getPop3().getPort());
                    return elapsed(start);
                } finally {
                    greenMail.stop();
                }
            }
            default -> throw new IllegalArgumentException("tanpopo, tanpopo-own, greenmail or mina, not " + which);
        }
    }

    /**
     * Reads the greeting line as the load driver's client does, into a buffer (byte by byte, a
     * longer greeting would cost the client a system call per octet), and notes the thread CPU
     * spent since {@link #once} began before closing: the server's work on that close is not counted.
     */
    private void greeting(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            int length = 0;
            while (length == 0 || buffer[length - 1] != '\n') {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0 || length + n == buffer.length) {
                    throw new IOException("no greeting line");
                }
                length += n;
            }
            threadCpu = threadCpuSince(threadsAtStart);
            FirstGreeting.mark();
        }
    }

    private void started(long start) {
        starting = elapsed(start);
    }

    /**
     * Loaded just before the first server is built: a {@code -Xlog:class+load} log cut between this
     * class and {@link FirstGreeting} holds what the first start to greeting loaded.
     */
    private static final class FirstStart {
        static void mark() {
            // loading the class is the mark
        }
    }

    /** Loaded just after the first greeting was read (and its thread CPU taken). */
    private static final class FirstGreeting {
        static void mark() {
            // loading the class is the mark
        }
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
