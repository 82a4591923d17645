package io.tanpopo.testsupport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A scripted POP3 client on a real socket to 127.0.0.1, for tests that assert exact lines or octets:
 * plain, TLS from the first octet (RFC 8314) or upgraded by STLS (RFC 2595).
 *
 * <p>Reads are buffered; {@link #startTls} fails if the server sent anything in clear that the
 * handshake would then have to skip (RFC 2595 §4). Every read is bounded: by a read timeout (10 s unless {@link #timeout} changes it) that
 * fails with an {@link AssertionError} naming what was awaited, by 1 MiB a line and by 64 MiB a
 * multi-line reply or the rest of a connection. Lines are UTF-8
 * (RFC 6856) without their CRLF; the {@code byte[]} methods give exact octets. A read that meets the
 * end of the stream or a reset sees the connection closed. Writes that fail throw
 * {@link UncheckedIOException}.
 *
 * <pre>{@code
 * try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
 *     assertThat(pop.command("STLS")).startsWith("+OK");
 *     pop.startTls(PemTrust.sslContext(caPem));
 *     assertThat(pop.login("alice", "secret")).startsWith("+OK");
 *     assertThat(pop.command("RETR 1")).startsWith("+OK");
 *     assertThat(pop.body()).contains(".a line that starts with a dot");
 * }
 * }</pre>
 */
public final class Pop3Wire implements AutoCloseable {

    private static final int MAX_LINE = 1 << 20;
    private static final int MAX_READ = 64 << 20;
    private static final byte[] DOT = {'.'};
    private static final Pattern MULTI_LINE = Pattern.compile("(?i)(RETR|TOP) .*|CAPA|LIST|UIDL");
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket plain;
    private Socket socket;
    private InputStream in;
    private String greeting;

    private Pop3Wire(Socket plain) throws IOException {
        this.plain = plain;
        use(plain);
    }

    /** Connects to {@code port} and reads nothing: for a PROXY header, TLS from the first octet, or garbage. */
    public static Pop3Wire open(int port) {
        return openFrom(null, port);
    }

    /**
     * As {@link #open(int)}, from the local address {@code from} (such as 127.0.0.2, so that a
     * proxy's client is told apart from the proxy itself); null: the system's choice.
     */
    public static Pop3Wire openFrom(String from, int port) {
        Socket socket = new Socket();
        try {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new Pop3Wire(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to port " + port, e);
        }
    }

    /** Connects to {@code port} in plain text and reads the greeting, kept as {@link #greeting()}. */
    public static Pop3Wire connect(int port) {
        return connectFrom(null, port);
    }

    /** As {@link #connect(int)}, from the local address {@code from} ({@link #openFrom}). */
    public static Pop3Wire connectFrom(String from, int port) {
        Pop3Wire wire = openFrom(from, port);
        wire.greeting = wire.line();
        return wire;
    }

    /** The greeting {@link #connect} read, without CRLF; null after {@link #open}. */
    public String greeting() {
        return greeting;
    }

    /**
     * Handshakes TLS over this connection with {@code trust}'s trust managers, without checking the
     * server's name: right after {@link #open} on an implicit-TLS port, or after STLS's {@code +OK}.
     * Later reads and writes go through TLS. A failed handshake closes the connection.
     */
    public Pop3Wire startTls(SSLContext trust) {
        return handshake(trust, "127.0.0.1", false);
    }

    /** As {@link #startTls(SSLContext)}, and verifies the server as {@code host} (RFC 6125; sent as SNI). */
    public Pop3Wire startTls(SSLContext trust, String host) {
        return handshake(trust, host, true);
    }

    private Pop3Wire handshake(SSLContext trust, String host, boolean verifyHost) {
        try {
            check(available() == 0, "the server sent octets in clear before the TLS handshake");
            SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
            if (verifyHost) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
            }
            tls.setUseClientMode(true);
            tls.setSoTimeout(socket.getSoTimeout());
            tls.startHandshake();
            use(tls);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("TLS handshake failed", e);
        }
    }

    /** The TLS session {@link #startTls} established. */
    public SSLSession tlsSession() {
        if (socket instanceof SSLSocket tls) {
            return tls.getSession();
        }
        throw new IllegalStateException("no TLS on this connection");
    }

    /** Sets the read timeout for every later read. */
    public Pop3Wire timeout(Duration timeout) {
        return io(() -> socket.setSoTimeout(Math.toIntExact(timeout.toMillis())));
    }

    /** Sends {@code text} as UTF-8 in one write: a line, many pipelined lines, or half a line. */
    public Pop3Wire send(String text) {
        return send(text.getBytes(UTF_8));
    }

    /** Sends {@code octets} as they are in one write (one TCP segment for anything short). */
    public Pop3Wire send(byte[] octets) {
        return io(() -> {
            socket.getOutputStream().write(octets);
            socket.getOutputStream().flush();
        });
    }

    /** Sends {@code line} with CRLF and returns the reply's status line; null if the server closed. */
    public String command(String line) {
        return send(line + "\r\n").line();
    }

    /** Logs in with USER and PASS (RFC 1939 §7) and returns PASS's status line. */
    public String login(String user, String password) {
        command("USER " + user);
        return command("PASS " + password);
    }

    /**
     * Sends each command and returns every line of the replies: the status lines, and the raw body
     * of each multi-line one (RFC 1939: RETR, TOP, and LIST or UIDL without an argument; RFC 2449: CAPA).
     */
    public List<String> converse(String... commands) {
        List<String> lines = new ArrayList<>();
        for (String command : commands) {
            String status = command(command);
            lines.add(status);
            if (status != null
                    && status.startsWith("+OK")
                    && MULTI_LINE.matcher(command).matches()) {
                lines.addAll(rawBody());
            }
        }
        return lines;
    }

    /** The next line without its CRLF; null once the server closed the connection. */
    public String line() {
        byte[] line = lineOctets();
        return line == null ? null : new String(line, UTF_8);
    }

    /** A multi-line reply's body up to the terminating ".", dot-unstuffed (RFC 1939 §3). */
    public List<String> body() {
        return rawBody().stream()
                .map(l -> l.startsWith(".") ? l.substring(1) : l)
                .toList();
    }

    /** A multi-line reply's body up to the terminating ".", as sent (still dot-stuffed). */
    public List<String> rawBody() {
        List<String> lines = new ArrayList<>();
        eachBodyLine(line -> lines.add(new String(line, UTF_8)));
        return lines;
    }

    /** A multi-line reply's body as the octets a client keeps: dot-unstuffed, each line ended by CRLF. */
    public byte[] bodyBytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        eachBodyLine(line -> {
            body.writeBytes(unstuffed(line));
            body.write('\r');
            body.write('\n');
        });
        return body.toByteArray();
    }

    /** The next {@code count} octets as they are (at most 64 MiB), or fewer if the server closes first. */
    public byte[] read(int count) {
        check(count <= MAX_READ, "more than the limit of octets asked for");
        try {
            return in.readNBytes(count);
        } catch (SocketTimeoutException e) {
            throw new AssertionError(count + " octets not read within the read timeout", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server ends the connection (end of stream or reset) before the read timeout and before sending more. */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Reads until the server ends the connection: what it still sent, and whether it ended abortively
     * (a reset, or a TLS alert). Fails if the read timeout passes first.
     */
    public Ending awaitClosed() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                rest.write(buffer, 0, n);
                check(rest.size() <= MAX_READ, "more than the limit of octets before the server closed");
            }
            return new Ending(rest.toByteArray(), false);
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the server did not close the connection within the read timeout; got " + rest.toString(ISO_8859_1),
                    e);
        } catch (IOException e) {
            return new Ending(rest.toByteArray(), true);
        }
    }

    /** Everything the server sends until it closes the connection; fails if it resets it instead. */
    public byte[] readUntilClosed() {
        Ending ending = awaitClosed();
        if (ending.abortive()) {
            throw new AssertionError("connection reset after " + ending.rest().length + " octets");
        }
        return ending.rest();
    }

    /** Ends this side's output (a FIN, or TLS close_notify) and keeps reading. */
    public Pop3Wire halfClose() {
        return io(socket::shutdownOutput);
    }

    /**
     * The socket in use (TLS over the TCP one once upgraded), for what this client does not do; its
     * input stream bypasses this client's buffer, so read from it only when no reply is pending.
     */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        closeQuietly(socket);
        closeQuietly(plain);
    }

    /** How the server ended the connection: the octets it still sent, and whether it aborted. */
    public record Ending(byte[] rest, boolean abortive) {}

    private void use(Socket next) throws IOException {
        socket = next;
        in = new BufferedInputStream(next.getInputStream());
    }

    private void eachBodyLine(Consumer<byte[]> sink) {
        long octets = 0;
        for (byte[] line = lineOctets(); !Arrays.equals(line, DOT); line = lineOctets()) {
            check(line != null, "connection closed inside a multi-line reply");
            octets += line.length + 2;
            check(octets <= MAX_READ, "more than the limit of octets in one multi-line reply");
            sink.accept(line);
        }
    }

    private byte[] lineOctets() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = readOctet(); b != '\n'; b = readOctet()) {
            if (b == -1) {
                return line.size() == 0 ? null : line.toByteArray();
            }
            line.write(b);
            check(line.size() <= MAX_LINE, "more than the limit of octets in one line");
        }
        byte[] octets = line.toByteArray();
        if (octets.length == 0 || octets[octets.length - 1] != '\r') {
            throw new AssertionError("line not ended by CRLF: " + line.toString(ISO_8859_1));
        }
        return Arrays.copyOf(octets, octets.length - 1);
    }

    private int readOctet() {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the server within the read timeout", e);
        } catch (IOException e) {
            return -1;
        }
    }

    private int available() {
        try {
            return in.available();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unstuffed(byte[] line) {
        return line.length > 0 && line[0] == '.' ? Arrays.copyOfRange(line, 1, line.length) : line;
    }

    private static void check(boolean holds, String otherwise) {
        if (!holds) {
            throw new AssertionError(otherwise);
        }
    }

    /** Runs socket work, failing a test's write or setting as unchecked: the test cannot go on. */
    private Pop3Wire io(SocketWork work) {
        try {
            work.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface SocketWork {
        void run() throws IOException;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort: the test has its answer or is failing for a better reason
        }
    }
}
