package io.retailseg.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The report's parts built at the same time: results in the parts' order, the first failure in that order as thrown. */
class ConcurrentlyTest {
    @Test
    void resultsComeInThePartsOrderWhateverFinishesFirst() {
        List<Supplier<?>> parts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int part = i;
            parts.add(() -> {
                sleep((40 - part) % 7);
                return "part " + part;
            });
        }
        List<Object> results = Concurrently.get(parts);
        assertThat(results).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(results.get(i)).isEqualTo("part " + i);
        }
    }

    @Test
    void partsRunAtTheSameTimeWhenTheMachineHasTwoCores() throws InterruptedException {
        // two parts that can only both finish if they run at once: each waits for the other to start
        CountDownLatch started = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Supplier<Boolean> part = () -> {
            threads.add(Thread.currentThread().getName());
            started.countDown();
            try {
                return started.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return; // one thread only: the parts run one after the other (the first would wait in vain)
        }
        assertThat(Concurrently.get(List.of(part, part))).containsExactly(true, true);
        assertThat(threads).hasSize(2);
    }

    @Test
    void theFirstFailureInThePartsOrderIsRethrownAsItWasThrown() {
        InputException first = new InputException("customers.csv", 2, "CustomerID", "expected a whole number");
        IllegalStateException later = new IllegalStateException("later");
        List<Supplier<?>> parts = List.of(() -> "fine", () -> {
            sleep(30);
            throw first;
        }, () -> {
            throw later;
        });
        assertThatThrownBy(() -> Concurrently.get(parts)).isSameAs(first);
    }

    @Test
    void anErrorIsRethrownToo() {
        OutOfMemoryError error = new OutOfMemoryError("test");
        assertThatThrownBy(() -> Concurrently.get(List.of(() -> {
            throw error;
        }))).isSameAs(error);
    }

    @Test
    void noPartsGiveNoResults() {
        assertThat(Concurrently.get(List.of())).isEmpty();
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
