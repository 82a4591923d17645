package io.tanpopo.pop3.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The mail server's address as clients know it, while the server behind it is switched from the
 * old one to tanpopo and back, as a site switches: one loopback port that forwards each new
 * connection to the current target. (Clients key what they remember by host and, getmail,
 * port; so the port must not change across the switch.)
 */
final class SwitchProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "switch-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int target;

    SwitchProxy() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** New connections go to {@code port} on the loopback interface. */
    void switchTo(int port) {
        target = port;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5_000);
                threads.execute(() -> pump(client, server));
                threads.execute(() -> pump(server, client));
            } catch (IOException closedOrRefused) {
                // the listener closed, or the target refused: the client sees its connection drop
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException gone) {
            // either side closed: both are closed by the try
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
