package io.tanpopo.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * What one POP3 server lists for a user: {@code UIDL} and {@code LIST} (RFC 1939 §5, §7) after
 * USER/PASS, as a client that remembers unique-ids sees it. The server's answers are untrusted:
 * lines are bounded, as is the number of messages, and every line is checked.
 */
final class UidlListing {

    static final int MAX_LINE = 1024;
    static final int MAX_MESSAGES = 1_000_000;
    private static final int TIMEOUT_MILLIS = 60_000;

    /** One message: its unique-id and size, by message number. */
    record Message(int number, String uidl, long size) {}

    private UidlListing() {}

    /**
     * Logs in at {@code pop3://host:port} (or {@code pop3s://}, implicit TLS with the JDK's trust
     * store and host name check) and lists. {@code quit}: end with QUIT, else just close (which
     * commits nothing, RFC 1939 §6).
     */
    static Map<String, Message> list(URI server, String user, String password, boolean quit) throws IOException {
        try (Socket socket = connect(server)) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            expectOk(readLine(in), "greeting");
            command(out, "USER " + user);
            expectOk(readLine(in), "USER");
            command(out, "PASS " + password);
            expectOk(readLine(in), "PASS (is the password right?)");
            Map<Integer, Long> sizes = new LinkedHashMap<>();
            for (String line : multiLine(in, out, "LIST")) {
                String[] f = fields(line, "LIST");
                sizes.put(number(f[0], line), size(f[1], line));
            }
            Map<String, Message> messages = new LinkedHashMap<>();
            for (String line : multiLine(in, out, "UIDL")) {
                String[] f = fields(line, "UIDL");
                int number = number(f[0], line);
                Long size = sizes.get(number);
                if (size == null || messages.put(f[1], new Message(number, f[1], size)) != null) {
                    throw new IOException("UIDL line for an unlisted message or a repeated unique-id: " + line);
                }
            }
            if (quit) {
                command(out, "QUIT");
                readLine(in);
            }
            return messages;
        }
    }

    private static Socket connect(URI server) throws IOException {
        boolean tls = "pop3s".equals(server.getScheme());
        if (server.getHost() == null || !(tls || "pop3".equals(server.getScheme()))) {
            throw new ConfigException("--old must be pop3://HOST:PORT or pop3s://HOST:PORT, not " + server);
        }
        int port = server.getPort() > 0 ? server.getPort() : tls ? 995 : 110;
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(server.getHost(), port), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        if (!tls) {
            return plain;
        }
        SSLSocket secure = (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, server.getHost(), port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 8314 §4.3: check the name
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }

    private static Iterable<String> multiLine(InputStream in, OutputStream out, String name) throws IOException {
        command(out, name);
        expectOk(readLine(in), name);
        List<String> lines = new ArrayList<>();
        for (String line = readLine(in); !line.equals("."); line = readLine(in)) {
            if (lines.size() >= MAX_MESSAGES) {
                throw new IOException(name + " lists more than " + MAX_MESSAGES + " messages");
            }
            lines.add(line);
        }
        return lines;
    }

    private static String[] fields(String line, String name) throws IOException {
        String[] f = line.split(" ");
        if (f.length < 2) {
            throw new IOException("malformed " + name + " line: " + line);
        }
        return f;
    }

    private static int number(String digits, String line) throws IOException {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IOException("not a number in: " + line);
        }
        return Integer.parseInt(digits);
    }

    private static long size(String digits, String line) throws IOException {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IOException("not a size in: " + line);
        }
        return Long.parseLong(digits);
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void expectOk(String line, String what) throws IOException {
        if (!line.startsWith("+OK")) {
            throw new IOException(what + " answered: " + line);
        }
    }

    /** One line without its CRLF; printable on a terminal (control characters escaped). */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("a line longer than " + MAX_LINE + " octets");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        StringBuilder shown = new StringBuilder(text.length());
        text.chars().forEach(c -> shown.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", c) : (char) c));
        return shown.toString();
    }
}
