package io.tanpopo.app.passthrough;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, made with {@code ip}: the server's
 * ({@code 10.200.0.2} for tanpopo, {@code 10.200.0.53} for the DNS server) and a client machine's
 * ({@code 10.200.0.100}, the address with a PTR record in the seed's zone). Both ends of the pair
 * are created inside the namespaces: the host's own network is never touched.
 */
final class NetworkNamespaces implements AutoCloseable {

    static final String SERVER_IP = "10.200.0.2";
    static final String DNS_IP = "10.200.0.53";
    static final String CLIENT_IP = "10.200.0.100";

    final String server;
    final String client;
    private final List<String> created = new ArrayList<>();

    NetworkNamespaces() throws IOException, InterruptedException {
        String suffix = Long.toString(ProcessHandle.current().pid());
        server = "tp-srv-" + suffix;
        client = "tp-cli-" + suffix;
        try {
            add(server);
            add(client);
            ip("-n", server, "link", "set", "lo", "up");
            ip("-n", client, "link", "set", "lo", "up");
            ip("-n", server, "link", "add", "tps", "type", "veth", "peer", "name", "tpc", "netns", client);
            ip("-n", server, "addr", "add", SERVER_IP + "/24", "dev", "tps");
            ip("-n", server, "addr", "add", DNS_IP + "/24", "dev", "tps");
            ip("-n", client, "addr", "add", CLIENT_IP + "/24", "dev", "tpc");
            ip("-n", server, "link", "set", "tps", "up");
            ip("-n", client, "link", "set", "tpc", "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code command} as run inside {@code namespace}. */
    static List<String> inside(String namespace, List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        all.addAll(command);
        return all;
    }

    private void add(String namespace) throws IOException, InterruptedException {
        ip("netns", "add", namespace);
        created.add(namespace);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    /** Deletes the namespaces (the veth pair goes with them); safe to call twice. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (String namespace : List.copyOf(created)) {
            ip("netns", "del", namespace);
            created.remove(namespace);
        }
    }
}
