package io.tanpopo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway HAProxy (Debian's 2.6) on loopback, in the foreground, with a config in a temporary
 * directory: per route, a TCP frontend on a free port to POP3 servers with {@code send-proxy-v2},
 * {@code balance leastconn}, and a {@code tcp-check} that expects the {@code +OK} greeting and
 * says QUIT (sent with a PROXY v2 {@code LOCAL} header, as HAProxy's checks are) every 200 ms; one
 * failed check marks a server down. Servers are named {@code s0}, {@code s1}, … in the order given;
 * {@link #up} asks the admin socket which HAProxy counts as up.
 *
 * <pre>{@code
 * try (HaproxyDaemon haproxy = HaproxyDaemon.builder(dir).route("pop3", List.of(one.port(), two.port())).start()) {
 *     haproxy.awaitUp("pop3", 2);
 *     Pop3Wire pop = Pop3Wire.connectFrom("127.0.0.2", haproxy.port("pop3"));
 * }
 * }</pre>
 */
public final class HaproxyDaemon implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(20);

    private final Process process;
    private final Path socket;
    private final Path log;
    private final Map<String, Integer> ports;

    private HaproxyDaemon(Process process, Path socket, Path log, Map<String, Integer> ports) {
        this.process = process;
        this.socket = socket;
        this.log = log;
        this.ports = ports;
    }

    /** A HAProxy whose config, socket and log go to {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Routes to add, then {@link #start}. */
    public static final class Builder {
        private final Path dir;
        private final Map<String, Route> routes = new LinkedHashMap<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /**
         * A frontend {@code name} balancing over {@code servers} (their ports on 127.0.0.1), health
         * checked there.
         */
        public Builder route(String name, List<Integer> servers) {
            return route(name, servers, servers);
        }

        /**
         * As {@link #route(String, List)}, health checked on {@code checkPorts} instead (one per
         * server: the plain port of a server whose traffic port is implicit TLS).
         */
        public Builder route(String name, List<Integer> servers, List<Integer> checkPorts) {
            if (servers.size() != checkPorts.size() || !name.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException("one check port per server, and a plain name");
            }
            routes.put(name, new Route(List.copyOf(servers), List.copyOf(checkPorts)));
            return this;
        }

        /** Writes the config, starts HAProxy and waits until its admin socket answers. */
        public HaproxyDaemon start() throws IOException {
            Path socket = dir.resolve("admin.sock");
            Path log = dir.resolve("haproxy.log");
            Map<String, Integer> ports = new LinkedHashMap<>();
            List<String> config = new ArrayList<>(List.of(
                    "global",
                    "  stats socket " + socket + " level admin",
                    "defaults",
                    "  mode tcp",
                    "  timeout connect 2s",
                    "  timeout client 60s",
                    "  timeout server 60s",
                    "  timeout check 2s"));
            routes.forEach((name, route) -> {
                int port = freePort();
                ports.put(name, port);
                config.addAll(route.config(name, port));
            });
            Path file = Files.write(dir.resolve("haproxy.cfg"), config);
            Process process = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            HaproxyDaemon daemon = new HaproxyDaemon(process, socket, log, Map.copyOf(ports));
            try {
                Await.until(START, "HAProxy's admin socket (log: " + log + ")", () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("HAProxy ended: " + daemon.log());
                    }
                    return daemon.answers();
                });
            } catch (RuntimeException | AssertionError e) {
                daemon.close();
                throw e;
            }
            return daemon;
        }
    }

    /** One frontend and its backend. */
    private record Route(List<Integer> servers, List<Integer> checkPorts) {
        List<String> config(String name, int port) {
            List<String> lines = new ArrayList<>(List.of(
                    "frontend " + name,
                    "  bind 127.0.0.1:" + port,
                    "  default_backend " + name,
                    "backend " + name,
                    "  balance leastconn",
                    "  option tcp-check",
                    "  tcp-check expect string +OK",
                    "  tcp-check send-binary 515549540d0a", // QUIT CRLF
                    "  tcp-check expect string +OK",
                    "  default-server inter 200ms fall 1 rise 1 send-proxy-v2 check-send-proxy"));
            for (int i = 0; i < servers.size(); i++) {
                lines.add("  server s" + i + " 127.0.0.1:" + servers.get(i) + " check port " + checkPorts.get(i));
            }
            return lines;
        }
    }

    /** The port of frontend {@code route} on 127.0.0.1. */
    public int port(String route) {
        return ports.get(route);
    }

    /** The servers of {@code route} HAProxy counts as up ({@code s0}, {@code s1}, …). */
    public List<String> up(String route) {
        List<String> up = new ArrayList<>();
        for (String line : command("show servers state " + route).split("\n")) {
            // be_id be_name srv_id srv_name srv_addr srv_op_state (2: running) ...
            String[] fields = line.trim().split(" ");
            if (fields.length > 5 && fields[1].equals(route) && fields[5].equals("2")) {
                up.add(fields[3]);
            }
        }
        return up;
    }

    /** How many connections HAProxy has open to {@code server} of {@code route} now. */
    public int sessions(String route, String server) {
        for (String line : command("show stat").split("\n")) {
            // pxname,svname,qcur,qmax,scur,...
            String[] fields = line.split(",");
            if (fields.length > 4 && fields[0].equals(route) && fields[1].equals(server)) {
                return Integer.parseInt(fields[4]);
            }
        }
        throw new IllegalArgumentException("no server " + server + " in " + route);
    }

    /** Waits until exactly {@code count} of {@code route}'s servers are up. */
    public void awaitUp(String route, int count) {
        Await.until(
                Duration.ofSeconds(20),
                count + " servers of " + route + " up in HAProxy",
                () -> up(route).size() == count);
    }

    /** What HAProxy wrote so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private boolean answers() {
        try {
            return command("show info").contains("Name: HAProxy");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** One command on the admin socket, and its whole answer (bounded). */
    private String command(String line) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(1 << 20);
            while (answer.hasRemaining() && channel.read(answer) >= 0) {
                // HAProxy closes the socket after answering a single command
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy admin socket: " + line, e);
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
