package io.retailseg.pipeline;

import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import java.nio.file.Path;

/** Where transaction lines come from: a file, or lines already in memory. */
public interface TransactionSource {
    /** A name for messages and the summary (the file path). */
    String name();

    /** Reads the lines; bad input raises {@link io.retailseg.InputException}. */
    Transactions load();

    /**
     * The source's identity for the model's provenance: its size in bytes and a checksum of its bytes
     * ({@code crc32c:HEX}), or 0 and {@code none} for lines given in memory.
     */
    default Fingerprint fingerprint() {
        return new Fingerprint(0, "none");
    }

    /**
     * Whether every {@link #load} returns lines of their own, held by nobody else (read afresh), so the
     * pipeline may give their storage up once cleaned ({@link Transactions#compactReleasing()}); false for
     * lines given in memory, which their owner may go on using.
     */
    default boolean loadsAfresh() {
        return false;
    }

    /** A source's size and checksum. */
    record Fingerprint(long bytes, String checksum) {
    }

    /** Reads the lines, telling {@code progress} how far the read got (stage {@code ingest}). */
    default Transactions load(ProgressListener progress) {
        return load();
    }

    /**
     * As {@link #load(ProgressListener)}, for a caller that cleans the lines at once ({@link io.retailseg.clean.Cleaner}):
     * a source reading afresh may count, instead of storing, the lines without CustomerID or Description that
     * cleaning's first step removes ({@link Transactions#incomplete()}); everything cleaning and the data profile
     * report comes out the same.
     */
    default Transactions loadToClean(ProgressListener progress) {
        return load(progress);
    }

    /**
     * A CSV (plain or gzip), XLSX or Parquet file or a folder of Parquet part files; {@code -} is standard input, and standard input or a named
     * pipe is read once as CSV (plain or gzip), its fingerprint computed while reading.
     */
    static TransactionSource file(Path file, IngestOptions options) {
        return new TransactionSource() {
            private final TransactionReader.StreamDigest digest = new TransactionReader.StreamDigest();

            @Override
            public String name() {
                return TransactionReader.isStandardInput(file) ? TransactionReader.STANDARD_INPUT_NAME : file.toString();
            }

            @Override
            public Transactions load() {
                return TransactionReader.read(file, options, io.retailseg.io.ReadProgress.NONE, digest);
            }

            @Override
            public boolean loadsAfresh() {
                return true;
            }

            @Override
            public Fingerprint fingerprint() {
                if (digest.streamed()) {
                    // read once (standard input, a pipe): the bytes and checksum counted while reading
                    return new Fingerprint(digest.bytes(), checksum(digest.crc32c()));
                }
                // CRC-32C (hardware-accelerated, several GB/s) of the bytes as stored: one more read of a
                // file that was just read, so mostly from the page cache.
                // A folder of Parquet part files: its parts' bytes in name order, as one stream.
                java.util.List<Path> parts = java.nio.file.Files.isDirectory(file)
                        ? io.retailseg.io.ParquetInput.partFiles(file) : java.util.List.of(file);
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                long bytes = 0;
                byte[] buffer = new byte[1 << 16];
                for (Path part : parts) {
                    try (java.io.InputStream in = java.nio.file.Files.newInputStream(part)) {
                        for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                            crc.update(buffer, 0, r);
                            bytes += r;
                        }
                    } catch (java.io.IOException e) {
                        throw new io.retailseg.InputException(part.toString(), "cannot read: "
                                + io.retailseg.OutputException.reason(e));
                    }
                }
                return new Fingerprint(bytes, checksum(crc.getValue()));
            }

            @Override
            public Transactions load(ProgressListener progress) {
                return read(options, progress);
            }

            @Override
            public Transactions loadToClean(ProgressListener progress) {
                return read(options.withIncompleteCounted(), progress);
            }

            private Transactions read(IngestOptions with, ProgressListener progress) {
                return TransactionReader.read(file, with, (lines, bytes, total) ->
                        progress.stageProgress("ingest", total > 0 ? Math.min(1.0, (double) bytes / total)
                                : Double.NaN, lines, "lines"), digest);
            }
        };
    }

    private static String checksum(long crc32c) {
        return String.format(java.util.Locale.ROOT, "crc32c:%08x", crc32c);
    }

    /** Lines already in memory. */
    static TransactionSource of(String name, Transactions lines) {
        return new TransactionSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Transactions load() {
                return lines;
            }
        };
    }
}
