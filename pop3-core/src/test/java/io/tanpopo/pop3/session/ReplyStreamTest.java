package io.tanpopo.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyStreamTest {

    @Test
    void smallMessage_isOneChunkWithStatusBodyAndTerminator() throws Exception {
        List<byte[]> chunks = chunks(message("Subject: x\n\n.dot\nbody\n"), -1);

        assertThat(chunks).hasSize(1);
        assertThat(text(chunks.get(0))).isEqualTo("+OK x\r\nSubject: x\r\n\r\n..dot\r\nbody\r\n.\r\n");
    }

    @Test
    void lines_areOneChunk_dotStuffed_utf8_eachEndedByCrlf_thenTheTerminator() throws Exception {
        try (ReplyStream stream =
                new ReplyStream(Reply.ok("3 lines", List.of("1 abc", ".lead", "", "caf\u00e9 \u65e5", ".")))) {
            assertThat(new String(stream.next(), StandardCharsets.UTF_8))
                    .isEqualTo("+OK 3 lines\r\n1 abc\r\n..lead\r\n\r\ncaf\u00e9 \u65e5\r\n..\r\n.\r\n");
            assertThat(stream.next()).isNull();
        }
        try (ReplyStream stream = new ReplyStream(Reply.ok("none", List.of()))) {
            assertThat(text(stream.next())).isEqualTo("+OK none\r\n.\r\n");
        }
    }

    @Test
    void messageWithoutFinalLineEnd_getsCrlfBeforeTerminator() throws Exception {
        assertThat(text(concat(chunks(message("a\nb"), -1)))).isEqualTo("+OK x\r\na\r\nb\r\n.\r\n");
    }

    @Test
    void emptyMessage_isStatusAndTerminator() throws Exception {
        assertThat(text(concat(chunks(new byte[0], -1)))).isEqualTo("+OK x\r\n.\r\n");
    }

    @Test
    void messageOfExactlyReadSize_endsWithTerminatorChunk() throws Exception {
        byte[] message = lines(ReplyStream.READ_SIZE);
        assertThat(message).hasSize(ReplyStream.READ_SIZE);

        List<byte[]> chunks = chunks(message, -1);

        assertThat(text(chunks.get(chunks.size() - 1))).endsWith("\r\n.\r\n");
        assertThat(concat(chunks)).isEqualTo(expectedWire(message));
    }

    @Test
    void streamWithoutSizeHint_givesTheSameOctets() throws Exception {
        byte[] message = lines(3 * ReplyStream.READ_SIZE + 1234);
        InputStream unknownSize = new FilterInputStream(new ByteArrayInputStream(message)) {
            @Override
            public int available() {
                return 0;
            }
        };
        List<byte[]> chunks = new ArrayList<>();
        try (ReplyStream stream = new ReplyStream(Reply.ok("x", new ReplyBody.Message(unknownSize, -1)))) {
            for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                chunks.add(chunk);
            }
        }
        assertThat(concat(chunks)).isEqualTo(expectedWire(message));
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void dotLinesAndBareLf_acrossReadBoundaries_giveExactOctets() throws Exception {
        // Lines starting with "." and CRLF pairs placed right at the 64 KB read boundary.
        for (int shift = -3; shift <= 3; shift++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < ReplyStream.READ_SIZE + shift - 1) {
                text.append('x');
            }
            text.append("\n.starts with a dot\r\nCRLF line\n..two dots\n");
            byte[] message = text.toString().getBytes(StandardCharsets.US_ASCII);
            assertThat(concat(chunks(message, -1))).as("shift %d", shift).isEqualTo(expectedWire(message));
        }
    }

    @Test
    void streamWhoseReadsComeShortBeforeTheEnd_losesNothing() throws Exception {
        byte[] message = lines(200_000);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(message)) {
            @Override
            public int readNBytes(byte[] b, int off, int len) throws IOException {
                return read(b, off, Math.min(len, 1000)); // short, though not at the end
            }
        };
        List<byte[]> chunks = new ArrayList<>();
        try (ReplyStream stream = new ReplyStream(Reply.ok("x", new ReplyBody.Message(trickle, -1)))) {
            for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                chunks.add(chunk);
            }
        }
        assertThat(concat(chunks)).isEqualTo(expectedWire(message));
    }

    @Test
    void readFailingAfterSomeOctets_sendsThoseFirst_thenFails() throws Exception {
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(message("line one\nline two\n"))) {
            private boolean gave;

            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int readNBytes(byte[] b, int off, int len) throws IOException {
                if (gave) {
                    throw new IOException("disk gone");
                }
                gave = true;
                return read(b, off, 9);
            }
        };
        try (ReplyStream stream = new ReplyStream(Reply.ok("x", new ReplyBody.Message(failing, -1)))) {
            assertThat(text(stream.next())).isEqualTo("+OK x\r\nline one\r\n");
            assertThat(stream.hasNext()).isTrue();
            assertThatThrownBy(stream::next).isInstanceOf(IOException.class).hasMessage("disk gone");
        }
    }

    @Test
    void top_stopsAfterTheBodyLinesAndCloses() throws Exception {
        boolean[] closed = {false};
        InputStream content =
                new ByteArrayInputStream("H: v\n\none\n.two\nthree\n".getBytes(StandardCharsets.US_ASCII)) {
                    @Override
                    public void close() throws IOException {
                        closed[0] = true;
                    }
                };
        List<byte[]> chunks = new ArrayList<>();
        try (ReplyStream stream = new ReplyStream(Reply.ok("x", new ReplyBody.Message(content, 2)))) {
            for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                chunks.add(chunk);
            }
            assertThat(closed[0]).isTrue();
        }
        assertThat(text(concat(chunks))).isEqualTo("+OK x\r\nH: v\r\n\r\none\r\n..two\r\n.\r\n");
    }

    static byte[] message(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bare-LF lines of 75 octets, every 40th starting with ".", exactly {@code size} octets. */
    static byte[] lines(int size) {
        byte[] message = new byte[size];
        for (int i = 0, column = 0, line = 0; i < size; i++) {
            if (column == 74) {
                message[i] = '\n';
                column = 0;
                line++;
            } else {
                message[i] = column == 0 && line % 40 == 39 ? (byte) '.' : (byte) ('a' + i % 26);
                column++;
            }
        }
        return message;
    }

    /** The wire form computed byte by byte, independently of the encoder. */
    static byte[] expectedWire(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(message("+OK x\r\n"));
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (message.length > 0 && message[message.length - 1] != '\n') {
            out.writeBytes(message("\r\n"));
        }
        out.writeBytes(message(".\r\n"));
        return out.toByteArray();
    }

    static List<byte[]> chunks(byte[] message, long bodyLines) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        Reply reply = Reply.ok("x", new ReplyBody.Message(new ByteArrayInputStream(message), bodyLines));
        try (ReplyStream stream = new ReplyStream(reply)) {
            for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static String text(byte[] octets) {
        return new String(Arrays.copyOf(octets, octets.length), StandardCharsets.US_ASCII);
    }
}
