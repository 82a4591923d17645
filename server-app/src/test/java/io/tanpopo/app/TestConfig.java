package io.tanpopo.app;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.ScriptedDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes properties files and starts servers the way the application does. */
final class TestConfig {

    private TestConfig() {}

    static Settings settings(String... lines) {
        return new Settings(ConfigFile.parse(List.of(lines), "test.properties"));
    }

    /**
     * A server wired from these properties, on a free port, with users u1 to u5, password secret
     * (one user per login in a test: the maildrop lock is released just after QUIT's +OK).
     */
    static Pop3Server server(String... lines) {
        String[] all = new String[lines.length + 2];
        all[0] = "pop3.port=0";
        all[1] = "auth.users=u1:secret,u2:secret,u3:secret,u4:secret,u5:secret";
        System.arraycopy(lines, 0, all, 2, lines.length);
        return new ServerWiring(settings(all)).builder().start();
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            return Files.write(dir.resolve(name), List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String dns(ScriptedDnsServer server) {
        return "resolver.dns-servers=127.0.0.1:" + server.address().getPort();
    }
}
