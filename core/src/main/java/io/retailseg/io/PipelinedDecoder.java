package io.retailseg.io;

import io.retailseg.domain.Transactions;

/**
 * Decodes lines given as String fields ({@link LineDecoder}: numbers, dates, dictionary codes) in
 * batches through a {@link DecodingPipeline}, on a second thread when {@code parallel}: same lines,
 * same error as decoding them one by one. (CSV files are decoded from FastCSV's buffer instead, by
 * {@link BufferLineDecoder} through the same pipeline.)
 */
final class PipelinedDecoder implements AutoCloseable {
    private static final int BATCH = 4096;

    private record Batch(long[] lines, String[][] fields, int size) {
    }

    private final LineDecoder decoder;
    private final DecodingPipeline<Batch> pipeline;
    private long[] lines = new long[BATCH];
    private String[][] fields = new String[BATCH][];
    private int size;

    PipelinedDecoder(LineDecoder decoder, boolean parallel) {
        this.decoder = decoder;
        this.pipeline = new DecodingPipeline<>(this::decode, parallel);
    }

    /** Whether a second thread is worth it: more than one processor. */
    static boolean worthIt() {
        return DecodingPipeline.worthIt();
    }

    /** Queues one line; {@code lineFields} is owned by this decoder from now on. */
    void add(long line, String[] lineFields) {
        lines[size] = line;
        fields[size] = lineFields;
        if (++size == BATCH) {
            flush();
        }
    }

    /** Decodes what is left and returns the lines. */
    Transactions finish() {
        flush();
        pipeline.finish();
        return decoder.build();
    }

    /** See {@link DecodingPipeline#finishAfterFailure()}. */
    void finishAfterFailure() {
        flush();
        pipeline.finishAfterFailure();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    private void flush() {
        if (size == 0) {
            return;
        }
        Batch batch = new Batch(lines, fields, size);
        lines = new long[BATCH];
        fields = new String[BATCH][];
        size = 0;
        pipeline.submit(batch);
    }

    private void decode(Batch batch) {
        for (int i = 0; i < batch.size(); i++) {
            decoder.add(batch.lines()[i], batch.fields()[i], InvoiceDateParser.INVALID);
        }
    }
}
