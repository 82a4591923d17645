package io.tanpopo.pop3.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted POP3 client for exact bytes: sends lines, reads replies, with a read timeout so a
 * test never hangs.
 */
public final class Pop3Dialogue implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String greeting;

    private Pop3Dialogue(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.greeting = readLine();
    }

    public static Pop3Dialogue connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            return new Pop3Dialogue(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String greeting() {
        return greeting;
    }

    /** Sends one line (CRLF added) and returns the status line of the reply. */
    public String send(String line) {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return readLine();
    }

    /** Logs in with USER/PASS and returns the PASS reply. */
    public String login(String user, String password) {
        send("USER " + user);
        return send("PASS " + password);
    }

    /** Sends bytes as they are, without reading anything. */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one reply line, without CRLF; null at end of stream. */
    public String readLine() {
        byte[] line = readLineBytes();
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    /** Reads the lines of a multi-line body up to the terminating ".", un-stuffed. */
    public List<String> readBody() {
        List<String> lines = new ArrayList<>();
        for (String line = readLine(); !".".equals(line); line = readLine()) {
            if (line == null) {
                throw new IllegalStateException("connection closed inside a multi-line reply: " + lines);
            }
            lines.add(line.startsWith(".") ? line.substring(1) : line);
        }
        return lines;
    }

    /** Reads a multi-line body as the exact bytes the client sees after un-stuffing, CRLFs included. */
    public byte[] readBodyBytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] line = readLineBytes(); !isTerminator(line); line = readLineBytes()) {
            int start = line.length > 0 && line[0] == '.' ? 1 : 0;
            body.write(line, start, line.length - start);
            body.write('\r');
            body.write('\n');
        }
        return body.toByteArray();
    }

    /** Whether the server closed the connection (reads until end of stream or timeout). */
    public boolean isClosedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean isTerminator(byte[] line) {
        if (line == null) {
            throw new IllegalStateException("connection closed inside a multi-line reply");
        }
        return line.length == 1 && line[0] == '.';
    }

    private byte[] readLineBytes() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    return line.size() == 0 ? null : line.toByteArray();
                }
                line.write(b);
            }
            byte[] bytes = line.toByteArray();
            if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                throw new IllegalStateException(
                        "reply line not ended by CRLF: " + new String(bytes, StandardCharsets.UTF_8));
            }
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
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
