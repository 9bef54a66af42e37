package io.retailseg.io;

import io.retailseg.domain.Transactions;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decodes lines ({@link LineDecoder}: numbers, dates, dictionary codes) on a second thread while
 * the reading thread parses the CSV ahead of it: the two halves of ingest cost about the same, so
 * on two cores ingest takes about half the time. Lines are handed over in batches, in file order,
 * to the one decoding thread, so the result is the same as decoding on the reading thread.
 *
 * <p>Errors keep their sequential meaning: when reading fails at some line, the lines before it are
 * still decoded, and a bad field among them is the error reported ({@link #finishAfterFailure()}).
 * With one processor, lines are decoded on the reading thread.
 */
final class PipelinedDecoder implements AutoCloseable {
    private static final int BATCH = 4096;
    private static final int QUEUED_BATCHES = 8;
    private static final long POLL_MILLIS = 50;
    private static final Batch END = new Batch(new long[0], new String[0][], 0);

    private record Batch(long[] lines, String[][] fields, int size) {
    }

    private final LineDecoder decoder;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread worker;
    private volatile Throwable failure;
    private long[] lines = new long[BATCH];
    private String[][] fields = new String[BATCH][];
    private int size;

    PipelinedDecoder(LineDecoder decoder, boolean parallel) {
        this.decoder = decoder;
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

    /** Queues one line; {@code lineFields} is owned by this decoder from now on. */
    void add(long line, String[] lineFields) {
        lines[size] = line;
        fields[size] = lineFields;
        if (++size == BATCH) {
            flush();
        }
        rethrowFailure();
    }

    /** Decodes what is left and returns the lines. */
    Transactions finish() {
        flush();
        stop();
        rethrowFailure();
        return decoder.build();
    }

    /**
     * After reading failed: decodes the lines read before the failure and throws the decoding error
     * among them, if any (it is about an earlier line); otherwise returns and the caller reports its own.
     */
    void finishAfterFailure() {
        flush();
        stop();
        rethrowFailure();
    }

    @Override
    public void close() {
        if (worker != null && worker.isAlive()) {
            worker.interrupt();
        }
    }

    private void flush() {
        if (size == 0) {
            return;
        }
        Batch batch = new Batch(lines, fields, size);
        lines = new long[BATCH];
        fields = new String[BATCH][];
        size = 0;
        if (worker == null) {
            decode(batch);
        } else {
            put(batch);
        }
    }

    private void put(Batch batch) {
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

    private void decodeQueued() {
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch == END) {
                    return;
                }
                decode(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) { // handed to the reading thread, which rethrows it
            failure = t;
        }
    }

    private void decode(Batch batch) {
        for (int i = 0; i < batch.size(); i++) {
            decoder.add(batch.lines()[i], batch.fields()[i], InvoiceDateParser.INVALID);
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
