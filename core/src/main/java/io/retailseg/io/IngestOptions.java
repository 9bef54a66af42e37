package io.retailseg.io;

import io.retailseg.domain.Column;
import java.nio.charset.Charset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a transactions file.
 *
 * @param encoding the text encoding of CSV input; empty = detect (UTF-8 when the start of the file
 *     is valid UTF-8, otherwise ISO-8859-1, the encoding of the widely used {@code data.csv})
 * @param dateFormat an explicit {@link java.time.format.DateTimeFormatter} pattern for InvoiceDate;
 *     empty = accept {@code M/d/yyyy H:mm} and ISO {@code yyyy-MM-dd HH:mm[:ss]}
 * @param columnNames header name to use for a column, overriding the recognised Online Retail and
 *     Online Retail II names; columns not in the map are found by their known names
 * @param onBadLines stop at the first line that cannot be parsed, or skip such lines and count them
 * @param storeIncomplete true to store every line read; false to count, not store, the lines without
 *     CustomerID or Description ({@link io.retailseg.domain.Transactions#incomplete()}), which cleaning's
 *     first step would remove: for a reader whose lines are cleaned at once (a run), a quarter less memory on
 *     the real file. Such lines are still checked as every other (a bad one is still an error or skipped)
 */
public record IngestOptions(Optional<Charset> encoding, Optional<String> dateFormat, Map<Column, String> columnNames,
                            BadLinePolicy onBadLines, boolean storeIncomplete) {
    public IngestOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(onBadLines, "onBadLines");
        columnNames = columnNames.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(columnNames));
    }

    /** The options before {@code onBadLines} existed: bad lines are errors, every line is stored. */
    public IngestOptions(Optional<Charset> encoding, Optional<String> dateFormat, Map<Column, String> columnNames) {
        this(encoding, dateFormat, columnNames, BadLinePolicy.ERROR);
    }

    /** Every line stored. */
    public IngestOptions(Optional<Charset> encoding, Optional<String> dateFormat, Map<Column, String> columnNames,
                         BadLinePolicy onBadLines) {
        this(encoding, dateFormat, columnNames, onBadLines, true);
    }

    /**
     * Detect the encoding, accept both date layouts, recognise the known column names, stop at a bad line,
     * store every line.
     */
    public static IngestOptions defaults() {
        return new IngestOptions(Optional.empty(), Optional.empty(), Map.of(), BadLinePolicy.ERROR, true);
    }

    public IngestOptions withEncoding(Charset charset) {
        return new IngestOptions(Optional.of(charset), dateFormat, columnNames, onBadLines, storeIncomplete);
    }

    public IngestOptions withDateFormat(String pattern) {
        return new IngestOptions(encoding, Optional.of(pattern), columnNames, onBadLines, storeIncomplete);
    }

    public IngestOptions withColumnNames(Map<Column, String> names) {
        return new IngestOptions(encoding, dateFormat, names, onBadLines, storeIncomplete);
    }

    public IngestOptions withOnBadLines(BadLinePolicy policy) {
        return new IngestOptions(encoding, dateFormat, columnNames, policy, storeIncomplete);
    }

    /** The same options, lines without CustomerID or Description counted, not stored (see {@code storeIncomplete}). */
    public IngestOptions withIncompleteCounted() {
        return new IngestOptions(encoding, dateFormat, columnNames, onBadLines, false);
    }
}
