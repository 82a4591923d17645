package io.tanpopo.app;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.resolver.HostResolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Measures what a client on this machine would see: an embedded server on 127.0.0.1 with the
 * configured resolver and a throwaway user, two USER/PASS logins over loopback (the second shows
 * the cache), and the time to the greeting and to the {@code +OK} after PASS.
 */
final class LoginProbe {

    /** One connection's times. */
    record Times(Duration greeting, Duration login) {}

    /** Both logins; the second from the same address, so its name comes from the cache. */
    record Result(Times first, Times second) {}

    private LoginProbe() {}

    static Result measure(HostResolver resolver, Duration deadline) throws IOException {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        try (Pop3Server server = Pop3Server.builder()
                .noTls()
                .lockMaildrops(false)
                .user("doctor", password)
                .resolver(resolver, deadline)
                .start()) {
            Duration limit = deadline.plusSeconds(10);
            return new Result(once(server.port(), password, limit), once(server.port(), password, limit));
        }
    }

    private static Times once(int port, String password, Duration limit) throws IOException {
        try (Socket socket = new Socket()) {
            long start = System.nanoTime();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) limit.toMillis());
            socket.setSoTimeout((int) limit.toMillis());
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expectOk(in.readLine(), "greeting");
            Duration greeting = Duration.ofNanos(System.nanoTime() - start);
            out.write(("USER doctor\r\nPASS " + password + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expectOk(in.readLine(), "USER");
            expectOk(in.readLine(), "PASS");
            Duration login = Duration.ofNanos(System.nanoTime() - start);
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.readLine();
            return new Times(greeting, login);
        }
    }

    private static void expectOk(String line, String what) throws IOException {
        if (line == null || !line.startsWith("+OK")) {
            throw new IOException(what + " answered " + line);
        }
    }
}
