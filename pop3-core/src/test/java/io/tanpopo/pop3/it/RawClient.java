package io.tanpopo.pop3.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A socket that sends bytes before any greeting (a PROXY header) and reads lines; bounded by timeouts. */
final class RawClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final InputStream in;

    RawClient(int port) {
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawClient send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** One line without CRLF; null when the server closed the connection. */
    String line() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            if (line.size() == 0) {
                return null;
            }
            return line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the server within the read timeout", e);
        } catch (IOException e) {
            return null;
        }
    }

    /** Sends a command and reads its one-line reply. */
    String command(String line) {
        send(line + "\r\n");
        return line();
    }

    /** The lines of a multi-line reply's body, up to the terminating "." (bounded at 1000 lines). */
    java.util.List<String> lines() {
        java.util.List<String> body = new java.util.ArrayList<>();
        for (String l = line(); l != null && !l.equals("."); l = line()) {
            body.add(l);
            if (body.size() > 1000) {
                throw new AssertionError("more than 1000 lines without the terminating '.'");
            }
        }
        return body;
    }

    /** Whether the server closed the connection (end of stream, or a reset) within the read timeout. */
    boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
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
