package io.retailseg.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A gzip stream inflated on its own thread, a few chunks ahead of the reader. Reading a compressed CSV
 * file runs three stages: inflating, parsing (the caller's thread) and decoding fields
 * ({@link DecodingPipeline}); the parsing thread was the slowest, and inflating was a quarter of its work
 * (73 ms of CPU for the UCI file's 45 MB, against about 300 ms for the thread), so it moves here.
 *
 * <p>The gzip header is read by the constructor, on the caller's thread, so a file that is not gzip fails
 * there as before. A failure while inflating (a corrupt or cut stream) is rethrown by the {@code read} that
 * reaches it, after the bytes inflated before it, as reading the {@link GZIPInputStream} directly would.
 * {@link #close} stops the thread, waits for it and closes the gzip stream (and so the file). Holds at most
 * {@link #AHEAD} chunks of {@link #CHUNK_BYTES}: 1 MiB.
 */
final class BackgroundInflater extends InputStream {
    static final int CHUNK_BYTES = 1 << 16;
    static final int AHEAD = 16;
    private static final Object END = new Object();

    private final GZIPInputStream gzip;
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile boolean closed;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    /** @param compressed a gzip stream, closed by {@link #close} */
    BackgroundInflater(InputStream compressed, int bufferBytes) throws IOException {
        this.gzip = new GZIPInputStream(compressed, bufferBytes);
        this.thread = new Thread(this::inflate, "retailseg-inflate");
        thread.setDaemon(true);
        thread.start();
    }

    private void inflate() {
        try {
            while (!closed) {
                byte[] b = new byte[CHUNK_BYTES];
                int n = gzip.readNBytes(b, 0, CHUNK_BYTES);
                if (n > 0) {
                    hand(n == CHUNK_BYTES ? b : Arrays.copyOf(b, n));
                }
                if (n < CHUNK_BYTES) {
                    break;
                }
            }
            hand(END);
        } catch (IOException | RuntimeException e) {
            hand(e);
        }
    }

    /** Queues {@code item} unless the reader has closed the stream (then nobody takes it). */
    private void hand(Object item) {
        try {
            while (!closed && !chunks.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // the reader is slower: wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        Object next;
        try {
            next = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for inflated bytes");
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next instanceof IOException e) {
            ended = true;
            throw e;
        }
        if (next instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        chunk = (byte[]) next;
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (position == chunk.length && !fill()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == chunk.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        chunks.clear(); // lets a blocked hand() see the flag
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gzip.close();
    }
}
