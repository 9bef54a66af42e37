package io.retailseg.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a report's independent parts (its sections, the files it reads, the chart library it inlines) on the
 * calling thread and up to {@code processors - 1} helper threads, each thread taking the next part not yet
 * taken, and gives the results in the parts' order. Each part reads only its inputs and returns its own
 * result, so the page is the same bytes whatever thread built which part. Issue 15: the report was the
 * one stretch of a run on one core (about 0.5 s of the real file's default run, while the other core
 * idled). The first failure, in the parts' order, is rethrown as it was thrown (a one-line
 * {@link io.retailseg.InputException} stays that exception) after every thread has stopped.
 */
final class Concurrently {
    private Concurrently() {
    }

    /** The results of {@code parts}, in order (a fixed-size list). */
    static List<Object> get(List<Supplier<?>> parts) {
        int n = parts.size();
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    results[i] = parts.get(i).get();
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                }
            }
        };
        int helpers = Math.min(n, Runtime.getRuntime().availableProcessors()) - 1;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < helpers; t++) {
            Thread thread = new Thread(worker, "retailseg-report-" + t);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        worker.run();
        boolean interrupted = false;
        for (Thread thread : started) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable failure : failures) {
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
        }
        return java.util.Arrays.asList(results);
    }
}
