package io.tanpopo.pop3.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A one-line TLS echo server on 127.0.0.1 and an ephemeral port, shaped like the real server will use the
 * provider: per connection it asks {@link TlsContextProvider#currentContext()} (so reloads take effect),
 * layers TLS over the accepted socket (as STLS does), applies {@link TlsPolicy} and bounds the handshake with
 * the configured timeout. Connections are served one at a time; each echoes one line and closes.
 */
final class TlsEchoServer implements AutoCloseable {

    private final TlsContextProvider provider;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Exception> failures = new CopyOnWriteArrayList<>();

    private TlsEchoServer(TlsContextProvider provider) throws IOException {
        this.provider = provider;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptLoop, "tls-echo-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    static TlsEchoServer start(TlsContextProvider provider) throws IOException {
        TlsEchoServer server = new TlsEchoServer(provider);
        server.acceptor.start();
        return server;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Handshake and I/O failures seen on the server side, e.g. a refused protocol version. */
    List<Exception> failures() {
        return failures;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket plain = listener.accept()) {
                serve(plain);
            } catch (SocketException e) {
                if (!listener.isClosed()) {
                    failures.add(e);
                }
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
    }

    private void serve(Socket plain) throws IOException {
        plain.setSoTimeout((int) provider.handshakeTimeout().toMillis());
        SSLContext context = provider.currentContext();
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true)) {
            tls.setUseClientMode(false);
            tls.setSSLParameters(TlsPolicy.serverParameters(context));
            tls.startHandshake();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            OutputStream out = tls.getOutputStream();
            out.write(((line == null ? "" : line) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
