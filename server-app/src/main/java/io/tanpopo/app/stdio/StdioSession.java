package io.tanpopo.app.stdio;

import io.tanpopo.pop3.ServerWithoutListener;
import io.tanpopo.pop3.proxy.AddressLiterals;
import io.tanpopo.pop3.session.LineDecoder;
import io.tanpopo.pop3.session.SessionDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One POP3 session over standard input and output, as qmail-popup/qmail-pop3d run under tcpserver
 * or inetd. The client's and the local address come from the UCSPI environment ({@code TCPREMOTEIP},
 * {@code TCPREMOTEPORT}, {@code TCPLOCALIP}, {@code TCPLOCALPORT}; 0.0.0.0 when missing) and are never
 * looked up. The idle timeout applies as on a socket.
 */
public final class StdioSession {

    /** Room for long SASL responses, as on a socket; the protocol's limit applies below this. */
    private static final int LINE_CAPACITY = 16 * 1024;

    private final ServerWithoutListener server;
    private final Map<String, String> environment;
    private ScheduledFuture<?> idleTimer;
    private SessionDriver driver;

    public StdioSession(ServerWithoutListener server, Map<String, String> environment) {
        this.server = server;
        this.environment = environment;
    }

    /**
     * Greets, then reads {@code in} on a daemon thread until the client or the server ends the
     * session; the caller waits for the session's release (a listener's {@code closed}).
     */
    public void start(InputStream in, OutputStream out) {
        StdioConnection connection = new StdioConnection(out, () -> driver.closed(), this::restartIdleTimer);
        driver = server.protocol()
                .open(
                        connection,
                        address("TCPLOCALIP", "TCPLOCALPORT"),
                        address("TCPREMOTEIP", "TCPREMOTEPORT"),
                        false);
        server.protocol().start(driver);
        restartIdleTimer();
        Thread reader = new Thread(() -> read(in, connection), "tanpopo-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in, StdioConnection connection) {
        LineDecoder decoder = new LineDecoder(LINE_CAPACITY);
        LineDecoder.Sink sink = new LineDecoder.Sink() {
            @Override
            public void line(String line, int octets) {
                driver.lineReceived(line, octets);
            }

            @Override
            public void tooLong() {
                driver.lineTooLong();
            }

            @Override
            public int lineLimit() {
                return driver.lineLimit();
            }
        };
        byte[] buffer = new byte[8192];
        try {
            while (connection.awaitReadable()) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                restartIdleTimer();
                decoder.feed(ByteBuffer.wrap(buffer, 0, n), sink);
            }
        } catch (IOException e) {
            // The client is gone, as at end of input.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }

    private synchronized void restartIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        if (!server.timer().isShutdown()) {
            idleTimer = server.timer()
                    .schedule(() -> driver.idle(), server.config().idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private InetSocketAddress address(String ipVariable, String portVariable) {
        InetAddress ip = AddressLiterals.any(environment.getOrDefault(ipVariable, ""))
                .orElseGet(() -> AddressLiterals.ipv4("0.0.0.0").orElseThrow());
        String portText = environment.getOrDefault(portVariable, "0");
        int port =
                portText.matches("[0-9]{1,5}") && Integer.parseInt(portText) <= 65535 ? Integer.parseInt(portText) : 0;
        return new InetSocketAddress(ip, port);
    }
}
