package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlicesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1_000, 1_001, 4_097, 100_003})
    void run_coversEveryItemExactlyOnce(int count) throws Exception {
        AtomicIntegerArray seen = new AtomicIntegerArray(count);

        Slices.run(count, (from, to) -> {
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });

        for (int i = 0; i < count; i++) {
            assertThat(seen.get(i)).as("item %d", i).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 50_000})
    void run_throwsTheIoErrorOfASlice(int count) {
        assertThatThrownBy(() -> Slices.run(count, (from, to) -> {
            if (from <= count / 2 && count / 2 < to) {
                throw new IOException("disk on fire");
            }
        })).isInstanceOf(IOException.class).hasMessage("disk on fire");
    }
}
