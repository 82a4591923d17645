package io.tanpopo.bench.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal, exact POP3 client over a plain blocking socket with TCP_NODELAY: one command, one
 * status line; multi-line replies are read to the {@code .CRLF} terminator and their octets counted.
 * Any {@code -ERR} where {@code +OK} was expected is an {@link IOException}.
 */
final class Pop3Client implements Closeable {

    private static final int TIMEOUT_MS = 60_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer;
    private int pos;
    private int limit;

    private Pop3Client(Socket socket, int bufferSize) throws IOException {
        this.socket = socket;
        this.buffer = new byte[bufferSize];
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and reads the greeting. */
    static Pop3Client connect(int port) throws IOException {
        return connect(port, 64 * 1024);
    }

    /** Connects with a receive buffer of {@code bufferSize} octets (small for many idle clients). */
    static Pop3Client connect(int port, int bufferSize) throws IOException {
        return connect(null, port, bufferSize);
    }

    /** Connects from the loopback address {@code from} (e.g. 127.0.0.2), or any when null. */
    static Pop3Client connect(InetAddress from, int port, int bufferSize) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            Pop3Client client = new Pop3Client(socket, bufferSize);
            client.expectOk(client.readLine());
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** USER and PASS. */
    void login(String user, String password) throws IOException {
        command("USER " + user);
        command("PASS " + password);
    }

    /** Sends a one-line command and returns its {@code +OK} status line. */
    String command(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return expectOk(readLine());
    }

    /** The message count from STAT. */
    int stat() throws IOException {
        String[] parts = command("STAT").split(" ");
        return Integer.parseInt(parts[1]);
    }

    /** Sends a multi-line command (RETR, UIDL, LIST) and returns the octets of its body, terminator excluded. */
    long multiLine(String command) throws IOException {
        command(command);
        return readBody();
    }

    /** QUIT, then waits for the server to close. */
    void quit() throws IOException {
        command("QUIT");
        while (in.read(buffer) >= 0) {
            // the server closes after its +OK (RFC 1939 §6)
        }
    }

    /** Reads the body of a multi-line reply up to its terminator; returns its octets, terminator excluded. */
    private long readBody() throws IOException {
        long octets = 0;
        boolean atLineStart = true;
        int stage = 0; // 1: "." at a line start, 2: ".\r" at a line start
        while (true) {
            if (pos == limit) {
                fill();
            }
            int i = pos;
            for (; i < limit; i++) {
                byte b = buffer[i];
                if (stage == 2 && b == '\n') {
                    octets += i + 1 - pos;
                    pos = i + 1;
                    return octets - 3;
                }
                stage = stage == 0 && atLineStart && b == '.' ? 1 : stage == 1 && b == '\r' ? 2 : 0;
                atLineStart = b == '\n';
            }
            octets += i - pos;
            pos = i;
        }
    }

    /** Reads one status line and returns it without CRLF. */
    private String readLine() throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > pos && buffer[i - 1] == '\r' ? i - 1 : i;
                    String text = new String(buffer, pos, end - pos, StandardCharsets.US_ASCII);
                    pos = i + 1;
                    return text;
                }
            }
            from = limit - pos;
            compact();
            if (limit == buffer.length) {
                throw new IOException("status line too long");
            }
            fill();
            from = Math.min(from, limit);
        }
    }

    private void compact() {
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
    }

    /** Reads more into the buffer after {@link #limit}; {@link #pos} == {@link #limit} or compacted. */
    private void fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            throw new EOFException("connection closed mid-reply");
        }
        limit += n;
    }

    private static String expectOk(String status) throws IOException {
        if (!status.startsWith("+OK")) {
            throw new IOException("expected +OK, got: " + status);
        }
        return status;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
