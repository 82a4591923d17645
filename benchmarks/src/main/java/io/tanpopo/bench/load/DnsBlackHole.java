package io.tanpopo.bench.load;

import io.tanpopo.testsupport.ScriptedDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A DNS server that never answers ({@link ScriptedDnsServer#blackHole}) as a program of its own,
 * for {@code resolver-vs-tcpserver.sh}, where tcpserver's own DNS client must meet it on port 53
 * of a network namespace. Runs until it is terminated, then writes the number of queries it
 * received to {@code COUNT_FILE}.
 *
 * <pre>DnsBlackHole HOST PORT COUNT_FILE</pre>
 */
public final class DnsBlackHole {

    private DnsBlackHole() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        ScriptedDnsServer hole = ScriptedDnsServer.blackHole(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
        Path count = Path.of(args[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(count, hole.queries() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        System.out.println("black hole listening on " + hole.address());
        new CountDownLatch(1).await(); // until SIGTERM
    }
}
