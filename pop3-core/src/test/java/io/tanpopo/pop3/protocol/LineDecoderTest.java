package io.tanpopo.pop3.protocol;

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
}
