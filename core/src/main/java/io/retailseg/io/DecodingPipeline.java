package io.retailseg.io;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Decodes batches of lines on a second thread while the reading thread parses the CSV ahead of
 * them. Batches are handed over in file order to the one decoding thread, so the result is the same
 * as decoding on the reading thread; without {@code parallel}, batches are decoded on the caller's
 * thread.
 *
 * <p>Errors keep their sequential meaning: when reading fails at some line, the batches before it are
 * still decoded, and a bad field among them is the error reported ({@link #finishAfterFailure()}).
 *
 * <p>A decoded batch is kept for reuse ({@link #spare()}): the reading thread then fills it again
 * instead of allocating and zeroing a new one.
 *
 * @param <B> a batch of lines, owned by the pipeline once submitted, until {@link #spare()} hands it back
 */
final class DecodingPipeline<B> implements AutoCloseable {
    private static final int QUEUED_BATCHES = 8;
    private static final long POLL_MILLIS = 50;
    private static final Object END = new Object();

    private final Consumer<B> decode;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    /** Decoded batches, free to be filled again; at most as many as can be in flight. */
    private final BlockingQueue<B> spare = new ArrayBlockingQueue<>(QUEUED_BATCHES + 2);
    private final Thread worker;
    private volatile Throwable failure;

    DecodingPipeline(Consumer<B> decode, boolean parallel) {
        this.decode = decode;
        if (parallel) {
            worker = new Thread(this::decodeQueued, "retailseg-decode");
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    /** Whether a second thread is worth it: more than one processor. */
    static boolean worthIt() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /**
     * A batch already decoded, to be filled again (its lines are no longer read by anyone), or null when
     * none is free.
     */
    B spare() {
        return spare.poll();
    }

    /** Decodes {@code batch} (now, or queued for the decoding thread); rethrows a decoding failure. */
    void submit(B batch) {
        if (worker == null) {
            decode.accept(batch);
            spare.offer(batch);
        } else {
            put(batch);
        }
        rethrowFailure();
    }

    /** Waits until every submitted batch is decoded; rethrows a decoding failure. */
    void finish() {
        stop();
        rethrowFailure();
    }

    /**
     * After reading failed: lets the batches submitted before the failure be decoded and throws the
     * decoding error among them, if any (it is about an earlier line); otherwise returns and the
     * caller reports its own.
     */
    void finishAfterFailure() {
        finish();
    }

    @Override
    public void close() {
        if (worker != null && worker.isAlive()) {
            worker.interrupt();
        }
    }

    private void put(Object batch) {
        try {
            while (!queue.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (failure != null || !worker.isAlive()) {
                    return; // the decoder stopped: the failure is rethrown by the caller
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    private void stop() {
        if (worker == null) {
            return;
        }
        put(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    @SuppressWarnings("unchecked")
    private void decodeQueued() {
        try {
            while (true) {
                Object batch = queue.take();
                if (batch == END) {
                    return;
                }
                decode.accept((B) batch);
                spare.offer((B) batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) { // handed to the reading thread, which rethrows it
            failure = t;
        }
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
