package io.retailseg.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic transaction lines shaped like UCI "Online Retail" (id 352): same header, field
 * formats and quirks (lines without customer, exact duplicates, {@code C} cancellations, service
 * codes, zero prices, empty descriptions), with customer archetypes so that segments exist.
 *
 * <p>Deterministic: the same {@code rows} and {@code seed} give byte-identical output. All
 * randomness comes from one {@link java.util.SplittableRandom} split per component.
 *
 * <p>Streaming: memory is bounded by the product catalogue (4,000 by default), the customer population
 * (by default at most {@value CustomerPopulation#MAX_POPULATION}, about 90 bytes each) and the largest
 * invoice, whatever {@code rows}.
 * The model and its calibration are described in {@code docs/generator.md}.
 */
public final class SyntheticRetailGenerator {

    /** Buffer of the writer and of the gzip stream; 64 KiB amortises syscalls and deflate calls. */
    private static final int BUFFER = 1 << 16;

    private SyntheticRetailGenerator() {}

    /**
     * Writes {@code rows} lines plus the header to {@code out}, atomically (a temporary file in the
     * same folder, then a rename), gzip-compressed when the file name ends with {@code .gz}. Creates
     * missing parent folders. {@link GenerationStats#bytes()} counts the uncompressed text.
     *
     * @throws UncheckedIOException when the file cannot be written; no partial file is left behind
     */
    public static GenerationStats write(long rows, long seed, Path out) {
        return write(rows, seed, Shape.DEFAULT, out);
    }

    /**
     * Catalogue and population sizes. {@link #DEFAULT}: 4,000 products and a population that grows
     * with the rows (see docs/generator.md); the output is then the same as without a shape.
     *
     * @param products   regular products, {@value ProductCatalog#MIN_SIZE}..{@value ProductCatalog#MAX_SIZE}
     * @param population customers who may buy (heavy-tailed activity: not all of them occur), 0 for
     *                   the default that follows the rows, else at least 1
     */
    public record Shape(int products, int population) {
        public static final Shape DEFAULT = new Shape(ProductCatalog.SIZE, 0);

        public Shape {
            if (products < ProductCatalog.MIN_SIZE || products > ProductCatalog.MAX_SIZE) {
                throw new IllegalArgumentException("products: expected " + ProductCatalog.MIN_SIZE + ".."
                        + ProductCatalog.MAX_SIZE + ", found " + products);
            }
            if (population < 0) {
                throw new IllegalArgumentException("population: expected a count >= 1 (0 for the default), found "
                        + population);
            }
        }

        int populationFor(long rows) {
            return population > 0 ? population : CustomerPopulation.populationFor(rows);
        }
    }

    /** {@link #write(long, long, Path)} with a catalogue and population size. */
    public static GenerationStats write(long rows, long seed, Shape shape, Path out) {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // Not Files.createTempFile: that creates mode 0600; a plain create honours the umask.
            tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".tmp");
            GenerationStats stats;
            boolean gzip = target.getFileName().toString().endsWith(".gz");
            try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream raw = gzip ? new GZIPOutputStream(file, BUFFER) : file;
                 Writer writer = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.US_ASCII), BUFFER)) {
                stats = write(rows, seed, shape, writer);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return stats;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
        }
    }

    /**
     * Streams {@code rows} lines plus the header to {@code out} (LF line ends, ASCII). Flushes but
     * does not close {@code out}; wraps it in a {@link BufferedWriter} unless it is one.
     *
     * @throws IllegalArgumentException when {@code rows} is negative
     * @throws UncheckedIOException     when {@code out} fails
     */
    public static GenerationStats write(long rows, long seed, Writer out) {
        return write(rows, seed, Shape.DEFAULT, out);
    }

    /** {@link #write(long, long, Writer)} with a catalogue and population size. */
    public static GenerationStats write(long rows, long seed, Shape shape, Writer out) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows: expected a count >= 0, found " + rows);
        }
        try {
            Writer buffered = out instanceof BufferedWriter ? out : new BufferedWriter(out, BUFFER);
            GenerationStats stats = new RetailStream(rows, seed, shape.products(), shape.populationFor(rows), buffered).run();
            buffered.flush();
            return stats;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated lines: " + e.getMessage(), e);
        }
    }
}
