package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.BadLines;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Reads a file of transaction lines, as the UCI "Online Retail" data sets distribute them, into
 * {@link Transactions}.
 *
 * <ul>
 *   <li>CSV, plain or gzip-compressed (recognised by its magic bytes, whatever the name), any line
 *       ending, quoted fields; encoding as {@link IngestOptions#encoding()} says or detected.
 *   <li>XLSX (recognised by its zip magic bytes or an {@code .xlsx} name): the first sheet, in the
 *       layout of {@code Online Retail.xlsx}; numeric InvoiceDate cells are Excel date serials
 *       (1900 or 1904 system, rounded to the second), text ones are parsed as in CSV. The encoding
 *       option does not apply (XLSX is always UTF-8 XML).
 *   <li>Parquet (recognised by its magic bytes {@code PAR1}), a file or a folder of part files as Spark
 *       writes them: read by the {@link ParquetInput} on the class path (the {@code parquet} module),
 *       its columns found by name as a CSV header's are and its values decoded by the same rules.
 * </ul>
 *
 * <p>Columns are found by header name ({@link Column#knownHeaderNames()} or the mapping in the
 * options); fields are decoded as pandas reads them (an empty Description or CustomerID is missing).
 * The file is streamed: only the current line is held as text.
 *
 * <p>Every problem with the input, I/O failures included, is an {@link InputException} with a
 * one-line message such as {@code data.csv:17: field 'Quantity': expected a whole number, found "abc"},
 * the line being the physical 1-based line of the file (header = 1) or the spreadsheet row.
 */
public final class TransactionReader {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int MAGIC_BYTES = 4;
    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    private TransactionReader() {
    }

    /** Reads {@code file} with {@link IngestOptions#defaults()}. */
    public static Transactions read(Path file) {
        return read(file, IngestOptions.defaults());
    }

    /**
     * Reads {@code file}.
     *
     * @throws InputException when the file is missing, unreadable, or not a valid transactions file;
     *     its source is {@code file.toString()}
     */
    public static Transactions read(Path file, IngestOptions options) {
        return read(file, options, ReadProgress.NONE);
    }

    /**
     * Reads {@code file}, telling {@code progress} every {@link ReadProgress#EVERY_LINES} lines of a
     * CSV file. Early in the read, the memory the whole file will need is estimated and compared
     * with the Java heap.
     *
     * @throws InputException when the file is missing, unreadable, or not a valid transactions file;
     *     its source is {@code file.toString()}
     * @throws io.retailseg.MemoryLimitException when the file will not fit in the Java heap
     */
    public static Transactions read(Path file, IngestOptions options, ReadProgress progress) {
        return read(file, options, progress, new StreamDigest());
    }

    /** The {@code --input} name of standard input. */
    public static final String STANDARD_INPUT = "-";
    /** How messages name standard input. */
    public static final String STANDARD_INPUT_NAME = "standard input";

    /** Whether {@code file} is {@code -}, standard input. */
    public static boolean isStandardInput(Path file) {
        return STANDARD_INPUT.equals(file.toString());
    }

    /**
     * What was read from an input that can be read only once (standard input, a named pipe): its
     * bytes and their CRC-32C, computed while reading since the input cannot be read again for it.
     */
    public static final class StreamDigest {
        private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        private long bytes;
        private boolean streamed;

        /** Whether the input was a stream (then {@link #bytes()} and {@link #crc32c()} describe what was read). */
        public boolean streamed() {
            return streamed;
        }

        public long bytes() {
            return bytes;
        }

        public long crc32c() {
            return crc.getValue();
        }
    }

    /**
     * Reads {@code file} as {@link #read(Path, IngestOptions, ReadProgress)} does; {@code -} is standard
     * input, and standard input or a named pipe (anything but a regular file) is read once, as a stream
     * of CSV (plain or gzip, by its first bytes), its size and checksum going to {@code digest}.
     */
    public static Transactions read(Path file, IngestOptions options, ReadProgress progress, StreamDigest digest) {
        if (isStandardInput(file)) {
            return readOnce(STANDARD_INPUT_NAME, System.in, options, progress, digest);
        }
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new InputException(source, "file not found");
        }
        if (Files.isDirectory(file)) {
            if (ParquetInput.partFiles(file).isEmpty()) {
                throw new InputException(source, "a folder: expected a CSV (plain or gzip), XLSX or Parquet file, or a"
                        + " folder of Parquet part files (*.parquet)");
            }
            return ParquetInput.load(source).read(file, options, progress);
        }
        if (!Files.isRegularFile(file)) {
            // a named pipe (or a device): it can be opened and read once only
            // FileInputStream, not Files.newInputStream: the latter's available() asks a pipe its position
            // ("Illegal seek")
            try (InputStream in = new java.io.FileInputStream(file.toFile())) {
                return readOnce(source, in, options, progress, digest);
            } catch (IOException e) {
                throw cannotRead(source, e);
            }
        }
        InvoiceDateParser dates = dateParser(source, options);
        try {
            byte[] magic;
            try (InputStream in = Files.newInputStream(file)) {
                magic = in.readNBytes(MAGIC_BYTES);
            }
            long size = Files.size(file);
            boolean parquetName = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
            if (isParquet(magic)) {
                return ParquetInput.load(source).read(file, options, progress);
            }
            if (parquetName) {
                throw new InputException(source, "named .parquet but not a Parquet file (it does not start with"
                        + " PAR1): expected a Parquet, CSV (plain or gzip) or XLSX file");
            }
            if (isGzip(magic)) {
                CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
                // more than one processor: inflate on a thread of its own, beside parsing and decoding
                boolean parallel = DecodingPipeline.worthIt();
                try (InputStream in = parallel ? new BackgroundInflater(counted, GZIP_BUFFER_BYTES)
                        : new GZIPInputStream(counted, GZIP_BUFFER_BYTES)) {
                    return CsvTransactionReader.read(source, in, options, dates, reporter(counted, size, source, progress),
                            parallel);
                }
            }
            boolean xlsxName = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
            if (isZip(magic) || xlsxName) {
                if (!isZip(magic)) {
                    throw new InputException(source, "named .xlsx but not an XLSX workbook (a workbook is a zip"
                            + " archive): expected CSV (plain or gzip) or XLSX");
                }
                checkWorkbook(source, file);
                try {
                    return XlsxTransactionReader.read(source, file, options, dates);
                } catch (InputException | UncheckedIOException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // fastexcel-reader reports a corrupt workbook with its own runtime exceptions
                    throw cannotRead(source, e);
                }
            }
            CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
            try (InputStream in = new BufferedInputStream(counted)) {
                return CsvTransactionReader.read(source, in, options, dates, reporter(counted, size, source, progress),
                            DecodingPipeline.worthIt());
            }
        } catch (NoSuchFileException e) {
            throw new InputException(source, "file not found");
        } catch (IOException e) {
            throw cannotRead(source, e);
        } catch (UncheckedIOException e) {
            throw cannotRead(source, e.getCause());
        }
    }

    /** A zip file that is not a workbook (no {@code [Content_Types].xml} and {@code xl/} part) is said to be one. */
    private static void checkWorkbook(String source, Path file) {
        boolean types = false;
        boolean workbook = false;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements() && !(types && workbook); ) {
                String name = entries.nextElement().getName();
                types |= name.equals("[Content_Types].xml");
                workbook |= name.startsWith("xl/");
            }
        } catch (IOException e) {
            throw new InputException(source, "a damaged zip archive (" + io.retailseg.OutputException.reason(e)
                    + "): expected CSV (plain or gzip) or XLSX");
        }
        if (!types || !workbook) {
            throw new InputException(source, "a zip archive, not an XLSX workbook: expected CSV (plain or gzip)"
                    + " or XLSX");
        }
    }

    /**
     * Reads CSV lines (plain or gzip, by their first bytes) from a stream that can be read once: standard
     * input, a named pipe, a database's {@code COPY ... TO STDOUT}. The same reader as a CSV file, with the
     * memory check and progress; the bytes read and their CRC-32C go to {@code digest}. The stream is not
     * closed.
     *
     * @param source names the stream in errors ({@code source:LINE: ...}, the header being line 1)
     */
    public static Transactions readStream(String source, InputStream raw, IngestOptions options,
                                          ReadProgress progress, StreamDigest digest) {
        return readOnce(source, raw, options, progress, digest);
    }

    /**
     * Where each column sits in {@code header}, found as a CSV file's header is ({@code --columns}, else the
     * Online Retail and Online Retail II names; trimmed, case-insensitive), indexed by {@link Column#ordinal()}.
     *
     * @throws InputException naming the first column that is missing
     */
    public static int[] columnIndices(String source, List<String> header, IngestOptions options) {
        HeaderMapping mapping = HeaderMapping.resolve(source, 0, header, options.columnNames());
        int[] index = new int[Column.values().length];
        for (Column c : Column.values()) {
            index[c.ordinal()] = mapping.index(c);
        }
        return index;
    }

    /** Standard input or a named pipe: read once, CSV only (plain or gzip by its first bytes). */
    private static Transactions readOnce(String source, InputStream raw, IngestOptions options,
                                           ReadProgress progress, StreamDigest digest) {
        InvoiceDateParser dates = dateParser(source, options);
        digest.streamed = true;
        CountingInputStream counted = new CountingInputStream(
                new java.util.zip.CheckedInputStream(raw, digest.crc));
        try {
            BufferedInputStream buffered = new BufferedInputStream(counted, GZIP_BUFFER_BYTES);
            buffered.mark(MAGIC_BYTES);
            byte[] magic = buffered.readNBytes(MAGIC_BYTES);
            buffered.reset();
            if (magic.length == 0) {
                throw emptyFile(source);
            }
            if (isParquet(magic)) {
                throw new InputException(source, "a Parquet file read as a stream: Parquet is read from its end (the"
                        + " footer), so give it by its file name; standard input and pipes take CSV (plain or gzip)");
            }
            if (isZip(magic)) {
                throw new InputException(source, "a zip archive (an XLSX workbook?) read as a stream: standard input"
                        + " and pipes take CSV (plain or gzip) only; give a workbook by its file name");
            }
            CsvTransactionReader.LineCounter counter = reporter(counted, -1, source, progress);
            InputStream text = isGzip(magic) ? new GZIPInputStream(buffered, GZIP_BUFFER_BYTES) : buffered;
            return CsvTransactionReader.read(source, text, options, dates, counter, DecodingPipeline.worthIt());
        } catch (IOException e) {
            throw cannotRead(source, e);
        } catch (UncheckedIOException e) {
            throw cannotRead(source, e.getCause());
        } finally {
            digest.bytes = counted.count();
        }
    }

    /**
     * Reads CSV transaction lines from a stream (plain or gzip, recognised by its magic bytes), e.g.
     * an HTTP request body; {@code source} names it in error messages. The stream is not closed.
     *
     * @throws InputException when the text is not a valid transactions CSV
     */
    public static Transactions readCsv(String source, InputStream in, IngestOptions options) {
        InvoiceDateParser dates = dateParser(source, options);
        try {
            BufferedInputStream buffered = new BufferedInputStream(in);
            buffered.mark(MAGIC_BYTES);
            byte[] magic = buffered.readNBytes(MAGIC_BYTES);
            buffered.reset();
            if (isGzip(magic)) {
                return CsvTransactionReader.read(source, new GZIPInputStream(buffered, GZIP_BUFFER_BYTES), options,
                        dates, (lines, storedShare) -> { }, false);
            }
            return CsvTransactionReader.read(source, buffered, options, dates, (lines, storedShare) -> { }, false);
        } catch (IOException e) {
            throw cannotRead(source, e);
        } catch (UncheckedIOException e) {
            throw cannotRead(source, e.getCause());
        }
    }

    /**
     * Decodes lines given field by field (e.g. from JSON), each array indexed by
     * {@link Column#ordinal()} with {@code null} for an absent field, exactly as a CSV field of the
     * same text would be decoded; an absent Description or CustomerID is missing, any other absent
     * field is an error. Errors name {@code source} and the 1-based position of the line.
     */
    public static Transactions readFields(String source, List<String[]> lines, IngestOptions options) {
        LineDecoder decoder = LineDecoder.ofColumns(source, dateParser(source, options), options);
        FieldBatch batch = new FieldBatch(Column.values().length, Math.max(1, lines.size()));
        String[] fields = new String[Column.values().length];
        for (int i = 0; i < lines.size(); i++) {
            String[] line = lines.get(i);
            Column absent = null;
            for (Column c : Column.values()) {
                String value = c.ordinal() < line.length ? line[c.ordinal()] : null;
                if (value == null && c != Column.DESCRIPTION && c != Column.CUSTOMER_ID && absent == null) {
                    absent = c;
                }
                fields[c.ordinal()] = value == null ? "" : value;
            }
            if (absent == null) {
                batch.add(i + 1L, fields, InvoiceDateParser.INVALID);
                continue;
            }
            decoder.decode(batch); // the lines before it first: a bad field on an earlier line wins
            batch = new FieldBatch(Column.values().length, Math.max(1, lines.size() - i));
            decoder.reject(new InputException(source, i + 1L, absent.canonicalName(), "expected a value, found none"),
                    BadLines.Reason.MISSING);
        }
        decoder.decode(batch);
        return decoder.build();
    }

    /** The date parser of {@code options}, or the one-line error naming a format it cannot use. */
    static InvoiceDateParser dateParser(String source, IngestOptions options) {
        try {
            return InvoiceDateParser.of(options.dateFormat());
        } catch (IllegalArgumentException e) {
            throw new InputException(source, "invalid date format '" + options.dateFormat().orElseThrow() + "': "
                    + e.getMessage());
        }
    }

    /** Progress in bytes of the file consumed, and the memory check. */
    private static CsvTransactionReader.LineCounter reporter(CountingInputStream counted, long size, String source,
                                                            ReadProgress progress) {
        MemoryEstimate memory = new MemoryEstimate(source, Runtime.getRuntime().maxMemory());
        return (lines, storedShare) -> {
            long bytes = counted.count();
            memory.check(lines, bytes, size, storedShare);
            progress.read(lines, bytes, size);
        };
    }

    static InputException emptyFile(String source) {
        return new InputException(source, "empty file: expected a header line with the columns " + columnList());
    }

    static InputException emptySheet(String source, Path file) {
        return new InputException(source, "the first sheet of " + file.getFileName() + " is empty: expected a header"
                + " row with the columns " + columnList());
    }

    private static String columnList() {
        return Arrays.stream(Column.values()).map(Column::canonicalName).collect(Collectors.joining(", "));
    }

    private static InputException cannotRead(String source, Throwable e) {
        String message = e.getMessage();
        InputException error = new InputException(source, "cannot read: "
                + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replace('\n', ' ')));
        error.initCause(e);
        return error;
    }

    private static boolean isGzip(byte[] magic) {
        return magic.length >= 2 && (magic[0] & 0xff) == GZIP_MAGIC_0 && (magic[1] & 0xff) == GZIP_MAGIC_1;
    }

    private static boolean isParquet(byte[] magic) {
        return Arrays.equals(magic, ParquetInput.MAGIC);
    }

    private static boolean isZip(byte[] magic) {
        return magic.length >= 2 && magic[0] == 'P' && magic[1] == 'K';
    }
}
