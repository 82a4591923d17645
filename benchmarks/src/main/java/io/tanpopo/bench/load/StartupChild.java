package io.tanpopo.bench.load;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.transport.BareMinaServer;
import io.tanpopo.testkit.Pop3Testkit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Measure 6, run in a fresh JVM per sample: the time from asking for an embedded server to holding
 * its greeting, for the first server of the JVM (class loading, JIT cold) and then for later ones
 * (each previous one closed first). Prints a line {@code FIRST micros} and then {@code LATER micros}
 * lines. With {@code cpu}, each line also gives the CPU time (µs) all live Java threads spent
 * meanwhile (JIT and GC threads are not among them), steadier than wall time on a shared machine;
 * the driver leaves it off, as reading it loads the management classes into the JVM first. Every
 * server is built as a test would build it: defaults, one user, a free port.
 *
 * <pre>StartupChild KIND LATER_COUNT [cpu]</pre>
 *
 * The load driver runs {@code tanpopo} and {@code greenmail}; by hand (README.md) also
 * {@code tanpopo-own} (its own I/O thread rather than the JVM's shared ones), {@code testkit}
 * and {@code mina}: a bare MINA acceptor writing a fixed greeting, the floor under tanpopo's
 * figure. With {@code -Xlog:class+load}, the classes logged between {@code StartupChild$FirstStart}
 * and {@code StartupChild$FirstGreeting} are those the first start to greeting loaded.
 */
public final class StartupChild {

    /** The servers this child can start, each as a test would. */
    enum Kind {
        TANPOPO,
        TANPOPO_OWN,
        TESTKIT,
        GREENMAIL,
        MINA;

        static Kind of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** A started server and its port. */
    private record Started(AutoCloseable server, int port) {}

    private StartupChild() {}

    public static void main(String[] args) throws Exception {
        Kind kind = Kind.of(args[0]);
        int later = Integer.parseInt(args[1]);
        boolean cpu = args.length > 2 && args[2].equals("cpu");
        Map<Long, Long> cpuBefore = cpu ? threadCpu() : Map.of(); // its classes load here, before the mark
        FirstStart.mark();
        for (int i = 0; i <= later; i++) {
            cpuBefore = cpu ? threadCpu() : cpuBefore;
            long t0 = System.nanoTime();
            try (AutoCloseable server = greet(start(kind))) {
                long micros = (System.nanoTime() - t0) / 1000;
                String cpuMicros = cpu ? " " + threadCpuSince(cpuBefore) / 1000 : "";
                FirstGreeting.mark();
                System.out.println((i == 0 ? "FIRST " : "LATER ") + micros + cpuMicros);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static Started start(Kind kind) {
        return switch (kind) {
            case TANPOPO ->
                tanpopo(Pop3Server.builder()
                        .port(0)
                        .user("u0", ServerChild.PASSWORD)
                        .start());
            case TANPOPO_OWN ->
                tanpopo(Pop3Server.builder()
                        .port(0)
                        .ioThreads(1)
                        .user("u0", ServerChild.PASSWORD)
                        .start());
            case TESTKIT -> {
                Pop3Testkit kit =
                        Pop3Testkit.builder().user("u0", ServerChild.PASSWORD).start();
                yield new Started(kit, kit.port());
            }
            case GREENMAIL -> {
                GreenMail greenMail = new GreenMail(ServerSetupTest.POP3.dynamicPort());
                greenMail.start();
                greenMail.setUser("u0@example.org", "u0", ServerChild.PASSWORD);
                // a record, not a method reference: the first lambda's bootstrap would count as GreenMail's
                yield new Started(
                        new ServerChild.GreenMailHandle(greenMail),
                        greenMail.getPop3().getPort());
            }
            case MINA -> {
                BareMinaServer mina = BareMinaServer.start();
                yield new Started(mina, mina.port());
            }
        };
    }

    private static Started tanpopo(Pop3Server server) {
        return new Started(server, server.port());
    }

    /** Reads the greeting (checked by the client) and hands back the server to close. */
    private static AutoCloseable greet(Started started) throws IOException {
        try (Pop3Client client = Pop3Client.connect(started.port())) {
            return started.server();
        }
    }

    /** CPU time so far of each live Java thread, in ns by thread id. */
    private static Map<Long, Long> threadCpu() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] nanos = threads.getThreadCpuTime(ids);
        Map<Long, Long> cpu = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            cpu.put(ids[i], Math.max(0, nanos[i]));
        }
        return cpu;
    }

    /** ns of CPU the live threads spent since {@code before}; a thread started since counts from 0. */
    private static long threadCpuSince(Map<Long, Long> before) {
        long spent = 0;
        for (Map.Entry<Long, Long> now : threadCpu().entrySet()) {
            spent += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return spent;
    }

    /** Loaded just before the first server is asked for: a mark in a class-load log. */
    private static final class FirstStart {
        static void mark() {
            // loading the class is the mark
        }
    }

    /** Loaded just after the first greeting was read. */
    private static final class FirstGreeting {
        static void mark() {
            // loading the class is the mark
        }
    }
}
