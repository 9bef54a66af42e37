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
 */
public record IngestOptions(Optional<Charset> encoding, Optional<String> dateFormat, Map<Column, String> columnNames,
                            BadLinePolicy onBadLines) {
    public IngestOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(onBadLines, "onBadLines");
        columnNames = columnNames.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(columnNames));
    }

    /** The options before {@code onBadLines} existed: bad lines are errors. */
    public IngestOptions(Optional<Charset> encoding, Optional<String> dateFormat, Map<Column, String> columnNames) {
        this(encoding, dateFormat, columnNames, BadLinePolicy.ERROR);
    }

    /** Detect the encoding, accept both date layouts, recognise the known column names, stop at a bad line. */
    public static IngestOptions defaults() {
        return new IngestOptions(Optional.empty(), Optional.empty(), Map.of(), BadLinePolicy.ERROR);
    }

    public IngestOptions withEncoding(Charset charset) {
        return new IngestOptions(Optional.of(charset), dateFormat, columnNames, onBadLines);
    }

    public IngestOptions withDateFormat(String pattern) {
        return new IngestOptions(encoding, Optional.of(pattern), columnNames, onBadLines);
    }

    public IngestOptions withColumnNames(Map<Column, String> names) {
        return new IngestOptions(encoding, dateFormat, names, onBadLines);
    }

    public IngestOptions withOnBadLines(BadLinePolicy policy) {
        return new IngestOptions(encoding, dateFormat, columnNames, policy);
    }
}
