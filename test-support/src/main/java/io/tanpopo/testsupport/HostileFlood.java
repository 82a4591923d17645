package io.tanpopo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile POP3 clients on loopback: each connection starts a failed login that needs no account
 * ({@code APOP x} and 32 zeros, which the server answers only after its failed-login delay) and
 * then sends as fast as the server reads, in one of four ways: pipelined commands while reading the
 * replies, 16 KB lines of non-ASCII octets, one endless line without a line end, or pipelined
 * commands never reading a reply. A connection the server closes is opened again. Bounded in
 * connections, reconnections and time; one thread with a selector.
 */
public final class HostileFlood implements AutoCloseable {

    private static final byte[] APOP = ascii("APOP x 00000000000000000000000000000000\r\n");
    private static final int KINDS = 4;
    private static final byte[][] STREAMS = {repeat("CAPA\r\nUSER x\r\n"), longLines(), endless(), repeat("CAPA\r\n")};

    private final InetSocketAddress server;
    private final List<InetAddress> sources;
    private final long endNanos;
    private final Thread thread;
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final int connections;
    private final int maxConnects;
    private volatile boolean stopped;

    private HostileFlood(InetSocketAddress server, List<InetAddress> sources, int connections, Duration duration) {
        this.server = server;
        this.sources = List.copyOf(sources);
        this.connections = connections;
        this.maxConnects = connections * 20;
        this.endNanos = System.nanoTime() + duration.toNanos();
        this.thread = new Thread(this::run, "hostile-flood");
        this.thread.setDaemon(true);
    }

    /**
     * Opens {@code connections} hostile connections to {@code server}, spread over the {@code sources}
     * addresses (each a loopback address), and floods for {@code duration}.
     */
    public static HostileFlood start(
            InetSocketAddress server, List<InetAddress> sources, int connections, Duration duration) {
        for (InetAddress source : sources) {
            if (!source.isLoopbackAddress() || !server.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("loopback only: " + source + " to " + server);
            }
        }
        HostileFlood flood = new HostileFlood(server, sources, connections, duration);
        flood.thread.start();
        return flood;
    }

    /** Loopback source addresses 127.0.0.2 … for {@code count} of them. */
    public static List<InetAddress> loopbackSources(int count) {
        InetAddress[] addresses = new InetAddress[count];
        for (int i = 0; i < count; i++) {
            try {
                addresses[i] = InetAddress.getByAddress(new byte[] {127, 0, (byte) ((i + 2) >> 8), (byte) (i + 2)});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.of(addresses);
    }

    /** Connections opened so far, reconnections included. */
    public int connects() {
        return connects.get();
    }

    /** Connections open now (connected or connecting). */
    public int open() {
        return open.get();
    }

    /** Octets the server has taken so far. */
    public long sent() {
        return sent.get();
    }

    /** Whether the flood has ended (its time is up, or it was closed). */
    public boolean ended() {
        return !thread.isAlive();
    }

    /** Waits until the flood's time is up and its connections are closed. */
    public void awaitEnd(Duration limit) throws InterruptedException {
        thread.join(limit.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the flood did not end within " + limit);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(30_000);
    }

    private void run() {
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                connect(selector, i);
            }
            while (!stopped && System.nanoTime() - endNanos < 0) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    serve(selector, key);
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open.set(0);
    }

    private void connect(Selector selector, int index) throws IOException {
        if (connects.get() >= maxConnects) {
            return;
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset at the end: no TIME_WAIT pile
            channel.bind(new InetSocketAddress(sources.get(index % sources.size()), 0));
            channel.connect(server);
        } catch (IOException e) {
            channel.close();
            return; // a refused or failed connect is the server's right; the flood goes on
        }
        connects.incrementAndGet();
        open.incrementAndGet();
        channel.register(selector, SelectionKey.OP_CONNECT, new Flow(index));
    }

    private void serve(Selector selector, SelectionKey key) {
        Flow flow = (Flow) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(flow.reads() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_WRITE);
                return;
            }
            if (key.isReadable() && channel.read(flow.discard) < 0) {
                throw new IOException("closed by the server");
            }
            flow.discard.clear();
            if (key.isValid() && key.isWritable()) {
                sent.addAndGet(flow.write(channel));
            }
        } catch (IOException e) {
            key.cancel();
            try {
                channel.close();
                open.decrementAndGet();
                connect(selector, flow.index);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    /** One connection's bytes: the login first, then its kind's stream over and over. */
    private static final class Flow {
        final int index;
        final ByteBuffer discard = ByteBuffer.allocate(4096);
        private final ByteBuffer stream;
        private final ByteBuffer login = ByteBuffer.wrap(APOP);

        Flow(int index) {
            this.index = index;
            this.stream = ByteBuffer.wrap(STREAMS[index % KINDS]);
        }

        /** Every kind but the last reads (and drops) the server's replies, so its input is what waits. */
        boolean reads() {
            return index % KINDS != KINDS - 1;
        }

        long write(SocketChannel channel) throws IOException {
            long written = 0;
            if (login.hasRemaining()) {
                written += channel.write(login);
                if (login.hasRemaining()) {
                    return written;
                }
            }
            int n;
            do {
                n = channel.write(stream);
                written += n;
                if (!stream.hasRemaining()) {
                    stream.rewind();
                }
            } while (n > 0 && written < 1 << 20);
            return written;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] repeat(String command) {
        return ascii(command.repeat(Math.max(1, 16 * 1024 / command.length())));
    }

    /** A 16 KB line (CRLF included) of octets that are not UTF-8: a server that keeps them holds twice as much. */
    private static byte[] longLines() {
        byte[] line = new byte[16 * 1024];
        Arrays.fill(line, (byte) 0x80);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    private static byte[] endless() {
        byte[] bytes = new byte[16 * 1024];
        Arrays.fill(bytes, (byte) 'X');
        return bytes;
    }
}
