package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void forRangeCoversEveryIndexExactlyOnce() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            int[] hits = new int[101];
            try (Parallel pool = Parallel.of(threads)) {
                pool.forRange(hits.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits[i]++;
                    }
                });
            }
            assertThat(hits).as("threads %d", threads).containsOnly(1);
        }
    }

    @Test
    void mapReturnsResultsInIndexOrder() {
        try (Parallel pool = Parallel.of(3)) {
            List<Integer> squares = pool.map(10, i -> i * i);
            assertThat(squares).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
        }
    }

    @Test
    void oneThreadRunsInlineOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        AtomicInteger elsewhere = new AtomicInteger();
        try (Parallel pool = Parallel.of(1)) {
            pool.forRange(10, (from, to) -> {
                if (Thread.currentThread() != caller) {
                    elsewhere.incrementAndGet();
                }
            });
            pool.map(3, i -> Thread.currentThread() == caller ? 0 : elsewhere.incrementAndGet());
        }
        assertThat(elsewhere).hasValue(0);
    }

    @Test
    void taskExceptionsReachTheCallerUnwrapped() {
        try (Parallel pool = Parallel.of(2)) {
            assertThatThrownBy(() -> pool.map(4, i -> {
                if (i == 2) {
                    throw new IllegalArgumentException("task 2 failed");
                }
                return i;
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 2 failed");
        }
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThatThrownBy(() -> Parallel.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 0");
    }
}
