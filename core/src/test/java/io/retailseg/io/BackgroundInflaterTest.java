package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BackgroundInflaterTest {
    /** About 3 MB of text-like bytes: many chunks, and more than the queue holds. */
    private static byte[] text() {
        SplittableRandom random = new SplittableRandom(1);
        byte[] b = new byte[3_000_000 + 123];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + random.nextInt(20));
        }
        return b;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    @Test
    void givesTheBytesTheGzipStreamGives() throws IOException {
        byte[] plain = text();
        try (InputStream in = new BackgroundInflater(new ByteArrayInputStream(gzip(plain)), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[5000]; // not a divisor of the chunk size
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
            }
            assertThat(Arrays.equals(out.toByteArray(), plain)).isTrue();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aCutStreamFailsAfterTheBytesBeforeTheCutAsTheGzipStreamDoes() throws IOException {
        byte[] compressed = gzip(text());
        byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);
        IOException direct = readAll(new GZIPInputStream(new ByteArrayInputStream(cut), 8192));
        long[] readBefore = new long[1];
        assertThatThrownBy(() -> {
            try (InputStream in = new BackgroundInflater(new ByteArrayInputStream(cut), 8192)) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    readBefore[0] += n;
                }
            }
        }).isInstanceOf(direct.getClass()).hasMessage(direct.getMessage());
        assertThat(readBefore[0]).isPositive();
    }

    @Test
    void aStreamThatIsNotGzipFailsInTheConstructor() {
        assertThatThrownBy(() -> new BackgroundInflater(new ByteArrayInputStream("InvoiceNo,StockCode\n".getBytes()),
                8192)).isInstanceOf(java.util.zip.ZipException.class).hasMessageContaining("Not in GZIP format");
    }

    @Test
    void closingBeforeTheEndStopsTheThreadAndClosesTheSource() throws Exception {
        boolean[] sourceClosed = new boolean[1];
        InputStream source = new ByteArrayInputStream(gzip(text())) {
            @Override
            public void close() {
                sourceClosed[0] = true;
            }
        };
        BackgroundInflater in = new BackgroundInflater(source, 8192);
        assertThat(in.read()).isNotNegative();
        Thread.sleep(100); // the thread has filled the queue and waits for room
        in.close();
        assertThat(sourceClosed[0]).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("retailseg-inflate"));
    }

    private static IOException readAll(InputStream in) {
        try (in) {
            in.readAllBytes();
            throw new AssertionError("expected the cut stream to fail");
        } catch (IOException e) {
            return e;
        }
    }
}
