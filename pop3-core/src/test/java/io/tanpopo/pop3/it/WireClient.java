package io.tanpopo.pop3.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The exact octets of a conversation, where {@code Pop3Dialogue}'s line reading (UTF-8, un-stuffed)
 * would hide them: reads the greeting, then raw bytes up to a count or to the server's close.
 */
final class WireClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final String greeting;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.greeting = readLine();
    }

    static WireClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            return new WireClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String greeting() {
        return greeting;
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes everything in one call, so it leaves in as few TCP segments as the stack allows. */
    void send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sends until it closes the connection (bounded by the read timeout). */
    byte[] readUntilClosed() {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close the connection within the read timeout", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly {@code count} octets, or fewer if the server closes first. */
    byte[] read(int count) {
        try {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line, CRLF included, decoded as ISO-8859-1 (one char per octet); null at end of stream. */
    String readLine() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1; b = in.read()) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
