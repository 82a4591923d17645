package io.tanpopo.app.passthrough;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A POP3 client run inside the client's namespace: {@code HOST PORT LOCAL-ADDRESS LOGINS}. Logs in
 * as u1, u2, ... one after the other and prints, per login, the microseconds from connect to the
 * greeting and to the {@code +OK} after PASS.
 */
public final class NamespaceClient {

    private NamespaceClient() {}

    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        InetAddress local = InetAddress.getByName(args[2]);
        int logins = Integer.parseInt(args[3]);
        for (int i = 1; i <= logins; i++) {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(local, 0));
                long start = System.nanoTime();
                socket.connect(server, 5_000);
                socket.setSoTimeout(10_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                expectOk(in.readLine());
                long greeting = System.nanoTime() - start;
                out.write(("USER u" + i + "\r\nPASS secret\r\n").getBytes(StandardCharsets.US_ASCII));
                expectOk(in.readLine());
                expectOk(in.readLine());
                long login = System.nanoTime() - start;
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                expectOk(in.readLine());
                System.out.println(greeting / 1000 + " " + login / 1000);
            }
        }
    }

    private static void expectOk(String line) {
        if (line == null || !line.startsWith("+OK")) {
            throw new IllegalStateException("expected +OK, got " + line);
        }
    }
}
