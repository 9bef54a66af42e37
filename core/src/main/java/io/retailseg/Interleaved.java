package io.retailseg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * A parallel loop for work whose result per index does not depend on which thread ran it (each index
 * writes only its own slot): the recommenders' per-product fits, ALS's per-row solves, the customers'
 * histories, the data profile's parts, the columns of a compaction. Results are therefore the same for any
 * thread count.
 */
public final class Interleaved {
    private Interleaved() {
    }

    /**
     * Runs {@code body(scratch, i)} for every i in {@code [0, n)}; index i goes to thread i mod threads, each
     * thread with its own {@code scratch}, so expensive and cheap indices (popular and rare products) spread
     * evenly. With one thread everything runs on the caller's. The first failure is rethrown after every
     * thread has stopped.
     */
    public static <S> void forEach(int n, int threads, Supplier<S> scratch, ObjIntConsumer<S> body) {
        int workers = Math.max(1, Math.min(threads, n));
        if (workers == 1) {
            S s = scratch.get();
            for (int i = 0; i < n; i++) {
                body.accept(s, i);
            }
            return;
        }
        List<Thread> started = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < workers; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try {
                    S s = scratch.get();
                    for (int i = first; i < n; i += workers) {
                        body.accept(s, i);
                    }
                } catch (RuntimeException | Error e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                }
            }, "retailseg-loop-" + t);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running a parallel loop", e);
            }
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw (RuntimeException) failure[0];
        }
    }
}
