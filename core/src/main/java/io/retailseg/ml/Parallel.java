package io.retailseg.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs index ranges or indexed tasks on a fixed number of threads, for the ML kernels.
 *
 * <p>Determinism contract: callers only hand out work whose result does not depend on how it is
 * partitioned (one output slot per row, per restart or per tree) and combine the slots themselves,
 * in index order, on the calling thread. With {@code threads == 1} everything runs inline on the
 * calling thread and no executor is created.
 *
 * <p>One instance owns one executor (created on demand, shut down by {@link #close()}), so a kernel
 * that loops (Lloyd iterations) reuses its threads. Work must not be nested: a task running on this
 * instance must not submit to it again.
 */
final class Parallel implements AutoCloseable {
    /** Body of a parallel loop over the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    private final int threads;
    private ExecutorService executor;

    private Parallel(int threads) {
        this.threads = threads;
    }

    /** A runner on {@code threads} threads; 1 means inline. */
    static Parallel of(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        return new Parallel(threads);
    }

    /** A runner that runs everything inline on the calling thread. */
    static Parallel inline() {
        return new Parallel(1);
    }

    int threads() {
        return threads;
    }

    /** Runs {@code body} over {@code [0, n)} split into at most {@code threads} contiguous ranges. */
    void forRange(int n, RangeBody body) {
        int chunks = Math.min(threads, n);
        if (chunks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures.add(executor().submit(() -> body.run(from, to)));
        }
        awaitAll(futures);
    }

    /** Runs {@code task} for every index in {@code [0, count)} and returns the results in index order. */
    <T> List<T> map(int count, IntFunction<T> task) {
        List<T> results = new ArrayList<>(count);
        if (threads == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                results.add(task.apply(i));
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(executor().submit(() -> task.apply(index)));
        }
        for (Future<T> future : futures) {
            results.add(await(future));
        }
        return results;
    }

    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "retailseg-ml");
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            await(future);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parallel task", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
