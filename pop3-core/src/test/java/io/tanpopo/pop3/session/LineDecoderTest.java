package io.tanpopo.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private final List<String> lines = new ArrayList<>();
    private final LineDecoder.Sink sink = new LineDecoder.Sink() {
        @Override
        public void line(String line, int octets) {
            lines.add(line);
        }

        @Override
        public void tooLong() {
            lines.add("<too long>");
        }
    };

    private void feed(LineDecoder decoder, String text) {
        decoder.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), sink);
    }

    @Test
    void splitsOnCrlfAndBareLf_acrossFeeds() {
        LineDecoder decoder = new LineDecoder(255);
        feed(decoder, "USER al");
        feed(decoder, "ice\r");
        feed(decoder, "\nSTAT\nNOOP\r\n");
        assertThat(lines).containsExactly("USER alice", "STAT", "NOOP");
    }

    @Test
    void overlongLine_isReportedOnce_andDecodingGoesOn() {
        LineDecoder decoder = new LineDecoder(255);
        String longLine = "X".repeat(100_000);
        feed(decoder, longLine);
        feed(decoder, longLine + "\r\nNOOP\r\n");
        assertThat(lines).containsExactly("<too long>", "NOOP");
    }

    @Test
    void lineOfExactlyTheLimit_includingCrlf_isAccepted() {
        LineDecoder decoder = new LineDecoder(10);
        feed(decoder, "12345678\r\n123456789\r\n");
        assertThat(lines).containsExactly("12345678", "<too long>");
    }

    @Test
    void reset_dropsPartialLine() {
        LineDecoder decoder = new LineDecoder(255);
        feed(decoder, "STLS-INJECTED");
        decoder.reset();
        feed(decoder, "CAPA\r\n");
        assertThat(lines).containsExactly("CAPA");
    }

    /** A sink as the transport's: a command line's limit, and it may stop taking lines. */
    private final class LimitedSink implements LineDecoder.Sink {
        int limit = 255;
        int room = Integer.MAX_VALUE;

        @Override
        public void line(String line, int octets) {
            lines.add(line);
            room--;
        }

        @Override
        public void tooLong() {
            lines.add("<too long>");
            room--;
        }

        @Override
        public boolean accepting() {
            return room > 0;
        }

        @Override
        public int lineLimit() {
            return limit;
        }
    }

    @Test
    void sinkLimit_appliesBelowTheCapacity_andAnOverlongLineIsNeverKept() {
        LineDecoder decoder = new LineDecoder(16 * 1024);
        LimitedSink limited = new LimitedSink();
        decoder.feed(
                ByteBuffer.wrap(
                        ("X".repeat(300) + "\r\n" + "Y".repeat(253) + "\r\n").getBytes(StandardCharsets.US_ASCII)),
                limited);
        assertThat(lines).containsExactly("<too long>", "Y".repeat(253));
        // 10 MB without a line end: read and dropped as it comes, the session holds none of it.
        byte[] megabyte = new byte[1 << 20];
        java.util.Arrays.fill(megabyte, (byte) 0x80);
        for (int i = 0; i < 10; i++) {
            decoder.feed(ByteBuffer.wrap(megabyte), limited);
        }
        decoder.feed(ByteBuffer.wrap("\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII)), limited);
        assertThat(lines).containsExactly("<too long>", "Y".repeat(253), "<too long>", "NOOP");
    }

    @Test
    void saslResponseLimit_takesALongerLine_upToTheCapacity() {
        LineDecoder decoder = new LineDecoder(1024);
        LimitedSink limited = new LimitedSink();
        limited.limit = Integer.MAX_VALUE;
        decoder.feed(
                ByteBuffer.wrap(
                        ("Z".repeat(1000) + "\r\n" + "Z".repeat(1023) + "\r\n").getBytes(StandardCharsets.US_ASCII)),
                limited);
        assertThat(lines).containsExactly("Z".repeat(1000), "<too long>");
    }

    @Test
    void sinkThatStopsAccepting_leavesTheRestOfTheInputUnread() {
        LineDecoder decoder = new LineDecoder(255);
        LimitedSink limited = new LimitedSink();
        limited.room = 2;
        ByteBuffer in = ByteBuffer.wrap("CAPA\r\nUSER a\r\nPASS b\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        decoder.feed(in, limited);
        assertThat(lines).containsExactly("CAPA", "USER a");
        assertThat(StandardCharsets.US_ASCII.decode(in).toString()).isEqualTo("PASS b\r\nQUIT\r\n");
    }
}
