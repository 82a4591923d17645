package io.tanpopo.pop3.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DirectChunksTest {

    private final DirectChunks chunks = new DirectChunks();

    @Test
    void copyOf_holdsExactlyTheRemainingOctets_inADirectBuffer() {
        byte[] octets = new byte[70_000];
        new Random(1).nextBytes(octets);
        ByteBuffer chunk = ByteBuffer.wrap(octets, 100, 69_000);

        ByteBuffer copy = chunks.copyOf(chunk);

        assertThat(copy.isDirect()).isTrue();
        assertThat(copy.remaining()).isEqualTo(69_000);
        byte[] back = new byte[copy.remaining()];
        copy.duplicate().get(back);
        assertThat(back).isEqualTo(Arrays.copyOfRange(octets, 100, 69_100));
    }

    @Test
    void smallOrOversizedChunks_areLeftToTheCaller_untouched() {
        ByteBuffer small = ByteBuffer.wrap(new byte[DirectChunks.MIN_COPY - 1]);
        ByteBuffer huge = ByteBuffer.wrap(new byte[DirectChunks.SIZE + 1]);

        assertThat(chunks.copyOf(small)).isNull();
        assertThat(chunks.copyOf(huge)).isNull();
        assertThat(small.remaining()).isEqualTo(DirectChunks.MIN_COPY - 1);
        assertThat(huge.remaining()).isEqualTo(DirectChunks.SIZE + 1);
        assertThat(chunks.live()).isZero();
    }

    @Test
    void releasedBuffer_isReused_clearedForTheNextChunk() {
        ByteBuffer first = chunks.copyOf(ByteBuffer.wrap(new byte[50_000]));
        chunks.release(first);

        ByteBuffer second = chunks.copyOf(ByteBuffer.wrap(new byte[10_000]));

        assertThat(second).isSameAs(first);
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(10_000);
        assertThat(chunks.live()).isEqualTo(1);
    }

    @Test
    void memoryIsBounded_inUseAndKept() {
        List<ByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < DirectChunks.LIVE + 10; i++) {
            ByteBuffer copy = chunks.copyOf(ByteBuffer.wrap(new byte[20_000]));
            if (copy != null) {
                taken.add(copy);
            }
        }
        assertThat(taken).hasSize(DirectChunks.LIVE);
        assertThat(chunks.live()).isEqualTo(DirectChunks.LIVE);

        taken.forEach(chunks::release);

        assertThat(chunks.retained()).isEqualTo(DirectChunks.RETAINED);
        assertThat(chunks.live()).isEqualTo(DirectChunks.RETAINED);
        assertThat(chunks.copyOf(ByteBuffer.wrap(new byte[20_000]))).isNotNull();
    }
}
