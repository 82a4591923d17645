package io.tanpopo.pop3.it.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted POP3 client on 127.0.0.1 that reads unbuffered from the plain socket (so nothing the
 * server sends after the STLS reply is swallowed) and can layer TLS over the same socket, as STLS does.
 * Every read has a timeout, so a test never hangs.
 */
final class LineClient implements AutoCloseable {

    private final Socket plain;
    private Socket current;
    private InputStream in;
    private OutputStream out;

    private LineClient(Socket socket) throws IOException {
        this.plain = socket;
        use(socket);
    }

    static LineClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            return new LineClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects with TLS from the first byte (implicit TLS, RFC 8314). */
    static LineClient connectTls(int port, SSLContext context) {
        LineClient client = connect(port);
        client.startTls(context);
        return client;
    }

    private void use(Socket socket) throws IOException {
        this.current = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Handshakes over the same TCP connection; later reads and writes go through TLS. */
    SSLSocket startTls(SSLContext context) {
        try {
            SSLSocket tls =
                    (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
            tls.setUseClientMode(true);
            tls.setSoTimeout(10_000);
            tls.startHandshake();
            use(tls);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void soTimeout(Duration timeout) {
        try {
            current.setSoTimeout((int) timeout.toMillis());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} in one write call (one TCP segment for anything short). */
    void sendRaw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and returns the status line of its reply. */
    String send(String command) {
        sendRaw(command + "\r\n");
        return readLine();
    }

    /** One line without CRLF, ISO-8859-1 (one char per octet); null at end of stream. */
    String readLine() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text + "<no CR>";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a multi-line body up to the terminating ".", as sent (still dot-stuffed). */
    List<String> readBody() {
        List<String> lines = new ArrayList<>();
        for (String line = readLine(); !".".equals(line); line = readLine()) {
            if (line == null) {
                throw new IllegalStateException("connection closed inside a multi-line reply: " + lines);
            }
            lines.add(line);
        }
        return lines;
    }

    /**
     * How the server ended the connection, read until end of stream: what it still sent and whether
     * it ended with a reset. Fails when the read timeout passes first.
     */
    Ending awaitClosed() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                rest.write(buffer, 0, n);
            }
            return new Ending(rest.toByteArray(), false);
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the server did not close the connection within the read timeout; got "
                            + rest.toString(StandardCharsets.ISO_8859_1),
                    e);
        } catch (IOException e) {
            // A reset (or a TLS alert turned into an exception) also ends the connection.
            return new Ending(rest.toByteArray(), true);
        }
    }

    /** What {@link #awaitClosed()} saw. */
    record Ending(byte[] rest, boolean abortive) {}

    @Override
    public void close() {
        try {
            current.close();
            plain.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
