package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB maildir message goes through a server whose whole heap is 48 MB: it can only work if the
 * message is streamed, never held in memory.
 */
class LargeMessageTest {

    private static final int LINE = 100;
    private static final int LINES = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void retr_100MbMessage_isStreamedByAServerWithA48MbHeap() throws Exception {
        Path maildir = dir.resolve("alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        writeLargeMessage(maildir.resolve("new/1700000000.M1P1.host"));
        Path config = dir.resolve("large.properties");
        Files.writeString(
                config,
                "pop3.port=0\nauth.users=alice:secret\nstore=maildir\n" + "store.maildir.path=" + dir
                        + "/{user}/Maildir\ntls.enabled=false\n");
        try (ServerProcess server = ServerProcess.serve(config, dir.resolve("server.log"), "-Xmx48m");
                Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            readLine(in);
            out.write("USER alice\r\nPASS secret\r\nLIST 1\r\nRETR 1\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).startsWith("+OK");
            assertThat(readLine(in)).startsWith("+OK");
            long size = Long.parseLong(readLine(in).split(" ")[2]);
            assertThat(readLine(in)).startsWith("+OK");
            assertThat(readBodyOctets(in)).isEqualTo(size).isEqualTo((long) LINES * (LINE + 1));
            assertThat(readLine(in)).startsWith("+OK");
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
        }
    }

    /** LINES lines of LINE octets with bare LF endings; every tenth starts with a dot. */
    private static void writeLargeMessage(Path file) throws IOException {
        byte[] line = new byte[LINE];
        Arrays.fill(line, (byte) 'x');
        line[LINE - 1] = '\n';
        byte[] dotted = line.clone();
        dotted[0] = '.';
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] header = line.clone();
            byte[] subject = "Subject: large ".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(subject, 0, header, 0, subject.length);
            out.write(header);
            for (int i = 1; i < LINES; i++) {
                out.write(i % 10 == 0 ? dotted : line);
            }
        }
    }

    /** Octets of a multi-line body after un-stuffing, up to the terminating line. */
    private static long readBodyOctets(InputStream in) throws IOException {
        long octets = 0;
        for (byte[] line = readLineBytes(in); !(line.length == 1 && line[0] == '.'); line = readLineBytes(in)) {
            octets += (line.length > 0 && line[0] == '.' ? line.length - 1 : line.length) + 2;
        }
        return octets;
    }

    private static String readLine(InputStream in) throws IOException {
        return new String(readLineBytes(in), StandardCharsets.US_ASCII);
    }

    private static byte[] readLineBytes(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        return Arrays.copyOf(bytes, bytes.length - 1);
    }
}
