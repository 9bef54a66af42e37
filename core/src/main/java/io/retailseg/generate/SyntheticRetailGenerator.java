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
 * <p>Streaming: memory is bounded by the product catalogue (4,000), the customer population
 * (at most {@value CustomerPopulation#MAX_POPULATION}) and the largest invoice, whatever {@code rows}.
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
                stats = write(rows, seed, writer);
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
        if (rows < 0) {
            throw new IllegalArgumentException("rows: expected a count >= 0, found " + rows);
        }
        try {
            Writer buffered = out instanceof BufferedWriter ? out : new BufferedWriter(out, BUFFER);
            GenerationStats stats = new RetailStream(rows, seed, buffered).run();
            buffered.flush();
            return stats;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated lines: " + e.getMessage(), e);
        }
    }
}
