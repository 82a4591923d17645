package io.tanpopo.app.passthrough;

import io.tanpopo.testsupport.ScriptedDnsServer;
import java.io.IOException;

/**
 * A {@link ScriptedDnsServer} run inside a namespace (it listens on that namespace's loopback):
 * {@code silent} never answers, {@code as112} answers as the AS112 sink does. Prints
 * {@code port N}, then serves until standard input closes.
 */
public final class NamespaceDns {

    private NamespaceDns() {}

    public static void main(String[] args) throws IOException {
        try (ScriptedDnsServer server =
                args[0].equals("as112") ? ScriptedDnsServer.as112() : ScriptedDnsServer.blackHole()) {
            System.out.println("port " + server.address().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serves on its own thread until the parent closes our standard input.
            }
        }
    }
}
