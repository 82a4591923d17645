package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelWorkTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1_000, 1_001, 4_097, 100_003})
    void run_coversEveryItemExactlyOnce(int count) throws Exception {
        AtomicIntegerArray seen = new AtomicIntegerArray(count);

        ParallelWork.run(count, (from, to) -> {
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
        assertThatThrownBy(() -> ParallelWork.run(count, (from, to) -> {
                    if (from <= count / 2 && count / 2 < to) {
                        throw new IOException("disk on fire");
                    }
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk on fire");
    }

    /** Items with few distinct keys, each knowing where it started: stability is visible. */
    private record Item(int key, int found) {}

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 999, 1_000, 1_001, 4_097, 100_003})
    void sort_ordersLikeArraysSortAndKeepsEqualItemsInTheirOrder(int count) {
        Random random = new Random(count);
        Item[] items = new Item[count];
        for (int i = 0; i < count; i++) {
            items[i] = new Item(random.nextInt(Math.max(1, count / 10)), i);
        }
        Item[] expected = items.clone();
        Comparator<Item> byKey = Comparator.comparingInt(Item::key);
        Arrays.sort(expected, byKey); // stable

        ParallelWork.sort(items, byKey);

        assertThat(items).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 5_000})
    void sort_leavesTwoHalvesAlreadyInOrderAsTheyAre(int count) {
        Item[] items = new Item[count];
        for (int i = 0; i < count; i++) {
            items[i] = new Item(i < count / 2 ? 0 : 1, i);
        }

        ParallelWork.sort(items, Comparator.comparingInt(Item::key));

        for (int i = 0; i < count; i++) {
            assertThat(items[i].found()).isEqualTo(i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 50_000})
    void beside_isDoneWhenJoinReturns(int count) {
        AtomicBoolean done = new AtomicBoolean();

        ParallelWork.beside(count, () -> done.set(true)).join();

        assertThat(done).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 50_000})
    void beside_throwsWhatTheTaskThrewAtJoin(int count) {
        assertThatThrownBy(() -> ParallelWork.beside(count, () -> {
                            throw new IllegalStateException("cache on fire");
                        })
                        .join())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cache on fire");
    }
}
