package io.tanpopo.bench.jmh;

import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import io.tanpopo.pop3.session.MessageEncoder;
import io.tanpopo.pop3.session.ReplyStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CRLF and dot-stuffing path of RETR over a 1 MB message: {@link ReplyStream} as the session
 * driver uses it (chunks read from the message stream, encoded, copied), and {@link MessageEncoder}
 * alone into a reused buffer, which is the floor the stream could reach. Input with bare LF line
 * endings (as maildir stores mail) and with CRLF; every 40th line starts with ".".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReplyStreamBenchmark {

    @Param({"LF", "CRLF"})
    public String endings;

    private byte[] message;
    private byte[] out;

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder("From: a@example.org\nSubject: big\n\n");
        for (int line = 1; text.length() < 1 << 20; line++) {
            text.append(line % 40 == 0 ? "." : "")
                    .append("lorem ipsum dolor sit amet consectetur adipiscing ")
                    .append("elit sed do eiusmod tempor ")
                    .append(line)
                    .append('\n');
        }
        String body = endings.equals("LF") ? text.toString() : text.toString().replace("\n", "\r\n");
        message = body.getBytes(StandardCharsets.US_ASCII);
        out = new byte[MessageEncoder.maxOutput(message.length)];
    }

    @Benchmark
    public long replyStream() throws IOException {
        Reply reply = Reply.ok("message follows", new ReplyBody.Message(new ByteArrayInputStream(message), -1));
        long octets = 0;
        try (ReplyStream stream = new ReplyStream(reply)) {
            for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                octets += chunk.length;
            }
        }
        return octets;
    }

    @Benchmark
    public int encoderOnly() {
        MessageEncoder encoder = new MessageEncoder(-1);
        return encoder.encode(message, 0, message.length, out, 0) + encoder.finish().length;
    }
}
