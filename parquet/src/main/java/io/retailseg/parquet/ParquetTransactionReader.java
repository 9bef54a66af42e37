package io.retailseg.parquet;

import io.retailseg.InputException;
import io.retailseg.MemoryLimitException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.LineFeed;
import io.retailseg.io.ParquetInput;
import io.retailseg.io.ReadProgress;
import io.retailseg.io.TransactionReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.LocalReadOptions;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet transaction lines (a file, or a folder of part files as Spark writes them) with
 * parquet-java's column readers, without Hadoop: {@link LocalInputFile},
 * {@link LocalReadOptions} and {@link ParquetCodecs}.
 *
 * <p>The columns are found by name among the schema's top-level fields exactly as a CSV header's
 * (the Online Retail and Online Retail II names, {@code --columns}); each one's type is checked
 * before any row is read ({@link ParquetColumnKind}). Every value becomes the text a CSV field would
 * hold and goes through {@link LineFeed}, the CSV reader's own rules, so a null is an empty field
 * (missing Description or CustomerID, an error elsewhere), and an error names the part file and the
 * 1-based row: {@code lines.parquet:17: field 'Quantity': expected a whole number, found an empty
 * field}. A timestamp, date or INT96 InvoiceDate is taken as its wall-clock time in UTC, truncated to
 * the second, and never parsed from text.
 */
public final class ParquetTransactionReader implements ParquetInput {
    private static final Column[] COLUMNS = Column.values();

    /** Used by {@link java.util.ServiceLoader}. */
    public ParquetTransactionReader() {
    }

    @Override
    public Transactions read(Path path, IngestOptions options, ReadProgress progress) {
        String source = path.toString();
        List<Path> parts = Files.isDirectory(path) ? ParquetInput.partFiles(path) : List.of(path);
        List<Part> opened = new ArrayList<>();
        try {
            long rows = 0;
            long bytes = 0;
            for (Path file : parts) {
                Part part = Part.open(file, options);
                opened.add(part);
                rows += part.rows;
                bytes += part.bytes;
            }
            try (LineFeed feed = LineFeed.of(source, options)) {
                feed.expect(rows);
                long[] done = {0, 0};
                long totalBytes = bytes;
                for (Part part : opened) {
                    feed.from(part.source);
                    try {
                        part.readInto(feed, (lines, partBytes) -> progress.read(done[0] + lines,
                                done[1] + partBytes, totalBytes));
                    } catch (InputException | MemoryLimitException e) {
                        throw e;
                    } catch (IOException | RuntimeException e) {
                        feed.finishAfterFailure(); // a bad field on an earlier row is the error reported
                        throw damaged(part.source, e);
                    }
                    done[0] += part.rows;
                    done[1] += part.bytes;
                }
                return feed.finish();
            }
        } finally {
            for (Part part : opened) {
                part.close();
            }
        }
    }

    /** A corrupt or truncated file, in one line. */
    static InputException damaged(String source, Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        message = message.replace('\n', ' ');
        InputException error = new InputException(source, "cannot read: not a valid Parquet file (" + message + ")");
        error.initCause(e);
        return error;
    }

    /** One Parquet file: its footer read and its columns checked, rows not yet read. */
    private static final class Part implements AutoCloseable {
        final String source;
        final ParquetFileReader reader;
        final long rows;
        final long bytes;
        /** The Parquet column of each {@link Column}, by ordinal (two may share one). */
        final ColumnDescriptor[] descriptors;
        final ParquetColumnKind[] kinds;
        final VersionParser.ParsedVersion writer;

        private Part(String source, ParquetFileReader reader, ColumnDescriptor[] descriptors, ParquetColumnKind[] kinds,
                     VersionParser.ParsedVersion writer) {
            this.source = source;
            this.reader = reader;
            this.descriptors = descriptors;
            this.kinds = kinds;
            this.writer = writer;
            long r = 0;
            long b = 0;
            for (BlockMetaData block : reader.getRowGroups()) {
                r += block.getRowCount();
                b += block.getCompressedSize();
            }
            this.rows = r;
            this.bytes = b;
        }

        static Part open(Path file, IngestOptions options) {
            String source = file.toString();
            ParquetFileReader reader;
            try {
                if (Files.size(file) == 0) {
                    throw new InputException(source, "empty file: expected a Parquet file with the columns "
                            + columnList());
                }
                reader = ParquetFileReader.open(new LocalInputFile(file), LocalReadOptions.of(new ParquetCodecs()));
            } catch (InputException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw damaged(source, e);
            }
            try {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                List<String> names = new ArrayList<>();
                for (Type field : schema.getFields()) {
                    names.add(field.getName());
                }
                int[] index = TransactionReader.columnIndices(source, names, options);
                ColumnDescriptor[] descriptors = new ColumnDescriptor[COLUMNS.length];
                ParquetColumnKind[] kinds = new ParquetColumnKind[COLUMNS.length];
                for (Column column : COLUMNS) {
                    Type field = schema.getFields().get(index[column.ordinal()]);
                    kinds[column.ordinal()] = ParquetColumnKind.of(source, column, field);
                    descriptors[column.ordinal()] = schema.getColumnDescription(new String[] {field.getName()});
                }
                for (BlockMetaData block : reader.getRowGroups()) {
                    for (ColumnChunkMetaData chunk : block.getColumns()) {
                        if (!ParquetCodecs.SUPPORTED.contains(chunk.getCodec())) {
                            throw new InputException(source, "column '" + chunk.getPath().toDotString()
                                    + "' is compressed with " + chunk.getCodec() + ": expected one of "
                                    + ParquetCodecs.SUPPORTED.toString().replace("[", "").replace("]", "")
                                    + " (re-write the file with one of them)");
                        }
                    }
                }
                return new Part(source, reader, descriptors, kinds, writerVersion(reader));
            } catch (RuntimeException e) {
                closeQuietly(reader);
                throw e;
            }
        }

        interface Progress {
            void read(long rows, long bytes);
        }

        /** Hands every row to {@code feed}, row group by row group. */
        void readInto(LineFeed feed, Progress progress) throws IOException {
            String[] fields = new String[COLUMNS.length];
            long row = 0;
            long bytesRead = 0;
            int group = 0;
            for (PageReadStore store = reader.readNextRowGroup(); store != null; store = reader.readNextRowGroup()) {
                // one reader per Parquet column, shared by the Columns mapped to it
                ColumnReader[] readers = new ColumnReader[COLUMNS.length];
                ParquetColumnKind.Decoder[] decoders = new ParquetColumnKind.Decoder[COLUMNS.length];
                int[] owner = new int[COLUMNS.length];
                for (int c = 0; c < COLUMNS.length; c++) {
                    owner[c] = c;
                    for (int d = 0; d < c; d++) {
                        if (descriptors[d].equals(descriptors[c])) {
                            owner[c] = d;
                            break;
                        }
                    }
                    if (owner[c] == c) {
                        readers[c] = new ColumnReaderImpl(descriptors[c], store.getPageReader(descriptors[c]),
                                NO_CONVERTER, writer);
                    }
                    decoders[c] = kinds[c].decoder();
                }
                int date = Column.INVOICE_DATE.ordinal();
                int quantityColumn = Column.QUANTITY.ordinal();
                int priceColumn = Column.UNIT_PRICE.ordinal();
                int customerColumn = Column.CUSTOMER_ID.ordinal();
                long groupRows = store.getRowCount();
                for (long r = 0; r < groupRows; r++) {
                    row++;
                    long epochSecond = LineFeed.DATE_AS_TEXT;
                    long quantity = LineFeed.WHOLE_AS_TEXT;
                    double price = LineFeed.PRICE_AS_TEXT;
                    long customer = LineFeed.WHOLE_AS_TEXT;
                    for (int c = 0; c < COLUMNS.length; c++) {
                        ColumnReader column = readers[owner[c]];
                        fields[c] = "";
                        if (column.getCurrentDefinitionLevel() < descriptors[c].getMaxDefinitionLevel()) {
                            continue; // null: an empty field, as in a CSV file
                        }
                        // numbers as numbers when the type allows, else (and for errors) as text
                        if (c == quantityColumn) {
                            quantity = decoders[c].whole(column);
                            if (quantity != LineFeed.WHOLE_AS_TEXT) {
                                continue;
                            }
                        } else if (c == priceColumn) {
                            price = decoders[c].number(column);
                            if (!Double.isNaN(price)) {
                                continue;
                            }
                        } else if (c == customerColumn) {
                            customer = decoders[c].whole(column);
                            if (customer != LineFeed.WHOLE_AS_TEXT) {
                                continue;
                            }
                        }
                        fields[c] = decoders[c].text(column);
                        if (c == date) {
                            epochSecond = decoders[c].epochSecond();
                        }
                    }
                    for (int c = 0; c < COLUMNS.length; c++) {
                        if (owner[c] == c) {
                            readers[c].consume();
                        }
                    }
                    feed.add(row, fields, epochSecond, quantity, price, customer);
                }
                bytesRead += reader.getRowGroups().get(group++).getCompressedSize();
                progress.read(row, bytesRead);
            }
        }

        @Override
        public void close() {
            closeQuietly(reader);
        }

        private static VersionParser.ParsedVersion writerVersion(ParquetFileReader reader) {
            try {
                return VersionParser.parse(reader.getFooter().getFileMetaData().getCreatedBy());
            } catch (VersionParser.VersionParseException | RuntimeException e) {
                return null; // only used for workarounds of old writers' bugs
            }
        }
    }

    private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {
    };

    private static void closeQuietly(ParquetFileReader reader) {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            // read-only: nothing lost
        }
    }

    private static String columnList() {
        StringBuilder sb = new StringBuilder();
        for (Column c : COLUMNS) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.canonicalName());
        }
        return sb.toString();
    }
}
