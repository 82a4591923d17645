package io.tanpopo.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import io.tanpopo.store.CrlfSize;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageEncoderTest {

    @Test
    void randomMessages_unstuffedOutputEqualsCrlfSize_inAnyChunking() throws Exception {
        Random random = new Random(42);
        byte[] alphabet = {'a', '.', '\r', '\n', '\n', (byte) 0xE9, ' '};
        for (int round = 0; round < 500; round++) {
            byte[] message = new byte[random.nextInt(300)];
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] wire = encode(message, 1 + random.nextInt(17));
            byte[] unstuffed = unstuff(wire);
            assertThat((long) unstuffed.length).as("round %d", round).isEqualTo(CrlfSize.of(message));
        }
    }

    @Test
    void indexOfLf_findsTheFirstLf_atEveryOffsetAndLength() {
        Random random = new Random(7);
        byte[] alphabet = {'\n', 'a', '\r', (byte) 0x8A, (byte) 0x0B, (byte) 0x09, 0, (byte) 0xFF, '.'};
        for (int round = 0; round < 2000; round++) {
            byte[] in = new byte[random.nextInt(40)];
            int lfOdds = 1 + random.nextInt(30);
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextInt(lfOdds) == 0 ? (byte) '\n' : alphabet[1 + random.nextInt(alphabet.length - 1)];
            }
            int from = in.length == 0 ? 0 : random.nextInt(in.length + 1);
            int end = from + random.nextInt(in.length - from + 1);
            int expected = from;
            while (expected < end && in[expected] != '\n') {
                expected++;
            }
            assertThat(MessageEncoder.indexOfLf(in, from, end))
                    .as("round %d", round)
                    .isEqualTo(expected);
        }
    }

    @Test
    void longLinesWithLfAtEveryWordPosition_encodeExactly() throws Exception {
        for (int position = 0; position < 24; position++) {
            byte[] message = new byte[64];
            java.util.Arrays.fill(message, (byte) 'x');
            message[position] = '\n';
            message[position + 1] = '.';
            message[63] = '\n';
            byte[] wire = encode(message, 64);
            String expected = "x".repeat(position) + "\r\n.." + "x".repeat(62 - position - 1) + "\r\n.\r\n";
            assertThat(new String(wire, java.nio.charset.StandardCharsets.US_ASCII))
                    .as("LF at %d", position)
                    .isEqualTo(expected);
        }
    }

    @Test
    void largeMessage_isStreamedInBoundedChunks() throws Exception {
        byte[] message = new byte[3 * ReplyStream.READ_SIZE + 17];
        java.util.Arrays.fill(message, (byte) 'a');
        Reply reply = Reply.ok("x", new ReplyBody.Message(new ByteArrayInputStream(message), -1));
        int chunks = 0;
        try (ReplyStream stream = new ReplyStream(reply)) {
            for (byte[] chunk = stream.next(); chunk != null; chunk = stream.next()) {
                assertThat(chunk.length).isLessThanOrEqualTo(2 * ReplyStream.READ_SIZE + 64);
                chunks++;
            }
        }
        assertThat(chunks).isGreaterThanOrEqualTo(4);
    }

    private static byte[] encode(byte[] message, int chunk) {
        MessageEncoder encoder = new MessageEncoder(-1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < message.length; at += chunk) {
            int n = Math.min(chunk, message.length - at);
            byte[] buffer = new byte[MessageEncoder.maxOutput(n)];
            out.write(buffer, 0, encoder.encode(message, at, n, buffer, 0));
        }
        out.writeBytes(encoder.finish());
        return out.toByteArray();
    }

    /** What a client keeps: lines un-stuffed, the final ".CRLF" removed. */
    private static byte[] unstuff(byte[] wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int end = wire.length - 3;
        boolean lineStart = true;
        for (int i = 0; i < end; i++) {
            if (lineStart && wire[i] == '.') {
                lineStart = false;
                continue;
            }
            out.write(wire[i]);
            lineStart = wire[i] == '\n';
        }
        return out.toByteArray();
    }
}
