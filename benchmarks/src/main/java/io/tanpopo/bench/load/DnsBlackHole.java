package io.tanpopo.bench.load;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DNS server that never answers (the story tanpopo began with: qmail behind tcpserver waited up to two
 * minutes per login on such a server): a UDP socket on 127.0.0.1 and a free port that reads every
 * query, counts it and drops it. UDP only: the resolver's DNS strategy (dnsjava's
 * {@code SimpleResolver}) goes over TCP only after a truncated UDP answer, which never comes here.
 */
final class DnsBlackHole implements AutoCloseable {

    private final DatagramSocket socket;
    private final AtomicLong queries = new AtomicLong();
    private final Thread reader;

    private DnsBlackHole(DatagramSocket socket) {
        this.socket = socket;
        this.reader = new Thread(this::swallow, "dns-black-hole");
        reader.setDaemon(true);
    }

    static DnsBlackHole start() throws IOException {
        DnsBlackHole hole =
                new DnsBlackHole(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        hole.reader.start();
        return hole;
    }

    /** Where the servers are told to send their queries. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Queries received so far. */
    long queries() {
        return queries.get();
    }

    private void swallow() {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
                queries.incrementAndGet();
            } catch (IOException e) {
                if (!socket.isClosed()) { // close() ends the wait with a SocketException
                    System.out.println("   DNS black hole stopped: " + e);
                }
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5_000);
    }
}
