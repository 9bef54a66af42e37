package io.retailseg.parquet;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.io.LineFeed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The Parquet types a column of transaction lines may have, checked from the schema before any row
 * is read, and how a value of each becomes the text a CSV field would hold.
 *
 * <table>
 *   <caption>accepted types</caption>
 *   <tr><th>column</th><th>Parquet types</th></tr>
 *   <tr><td>InvoiceNo, StockCode</td><td>string, integer</td></tr>
 *   <tr><td>Description, Country</td><td>string</td></tr>
 *   <tr><td>Quantity</td><td>integer (INT32, INT64), string</td></tr>
 *   <tr><td>InvoiceDate</td><td>TIMESTAMP (millis, micros, nanos), DATE, INT96 (Spark's default), string in the
 *       accepted date formats</td></tr>
 *   <tr><td>UnitPrice</td><td>DOUBLE, FLOAT, DECIMAL, integer, string</td></tr>
 *   <tr><td>CustomerID</td><td>integer, DOUBLE or FLOAT (pandas writes ids with gaps as float64), DECIMAL,
 *       string</td></tr>
 * </table>
 *
 * <p>A string is a BINARY or FIXED_LEN_BYTE_ARRAY column annotated STRING, ENUM or JSON, or not annotated
 * (old writers), read as UTF-8. Anything else (a BOOLEAN, a TIME, a nested or repeated field, a
 * double Quantity) is a one-line error naming the file, the column, its type and what was expected.
 */
enum ParquetColumnKind {
    STRING, INTEGER, DECIMAL, FLOATING, TIMESTAMP, DATE, INT96;

    private static final Set<ParquetColumnKind> IDS = Set.of(STRING, INTEGER);
    private static final Set<ParquetColumnKind> TEXT = Set.of(STRING);
    private static final Set<ParquetColumnKind> WHOLE = Set.of(INTEGER, STRING);
    private static final Set<ParquetColumnKind> DATES = Set.of(TIMESTAMP, DATE, INT96, STRING);
    private static final Set<ParquetColumnKind> NUMBERS = Set.of(FLOATING, DECIMAL, INTEGER, STRING);
    private static final Set<ParquetColumnKind> CUSTOMER = Set.of(INTEGER, FLOATING, DECIMAL, STRING);

    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Julian day number of 1970-01-01, the epoch of INT96 timestamps' day part. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final int INT96_BYTES = 12;

    /**
     * The kind of {@code field}, checked against what {@code column} accepts.
     *
     * @throws InputException naming the file, the column and its type, and what was expected
     */
    static ParquetColumnKind of(String source, Column column, Type field) {
        if (!field.isPrimitive()) {
            throw refused(source, column, field, "a group (nested field)");
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw refused(source, column, field, "a repeated field (a list)");
        }
        PrimitiveType type = field.asPrimitiveType();
        ParquetColumnKind kind = kindOf(type);
        if (kind == null || !accepted(column).contains(kind)) {
            throw refused(source, column, field, describe(type));
        }
        return kind;
    }

    private static ParquetColumnKind kindOf(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        PrimitiveTypeName name = type.getPrimitiveTypeName();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return DECIMAL;
        }
        switch (name) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                boolean text = logical == null
                        || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
                return text ? STRING : null;
            }
            case INT32 -> {
                if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                    return INTEGER;
                }
                return logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? DATE : null;
            }
            case INT64 -> {
                if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                    return INTEGER;
                }
                return logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? TIMESTAMP : null;
            }
            case INT96 -> {
                return INT96;
            }
            case FLOAT, DOUBLE -> {
                return FLOATING;
            }
            default -> {
                return null; // BOOLEAN
            }
        }
    }

    private static Set<ParquetColumnKind> accepted(Column column) {
        return switch (column) {
            case INVOICE_NO, STOCK_CODE -> IDS;
            case DESCRIPTION, COUNTRY -> TEXT;
            case QUANTITY -> WHOLE;
            case INVOICE_DATE -> DATES;
            case UNIT_PRICE -> NUMBERS;
            case CUSTOMER_ID -> CUSTOMER;
        };
    }

    private static String expected(Column column) {
        return switch (column) {
            case INVOICE_NO, STOCK_CODE -> "a string or an integer";
            case DESCRIPTION, COUNTRY -> "a string";
            case QUANTITY -> "an integer (INT32 or INT64) or a string";
            case INVOICE_DATE -> "a timestamp, a date, INT96 or a string in the accepted date formats";
            case UNIT_PRICE -> "a floating-point (DOUBLE, FLOAT), DECIMAL or integer number, or a string";
            case CUSTOMER_ID -> "an integer, a floating-point or DECIMAL whole number, or a string";
        };
    }

    /** {@code DOUBLE}, {@code INT64 (TIMESTAMP(MICROS,true))}, {@code BINARY (STRING)}. */
    static String describe(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return type.getPrimitiveTypeName() + (logical == null ? "" : " (" + logical + ")");
    }

    private static InputException refused(String source, Column column, Type field, String found) {
        String name = field.getName().equals(column.canonicalName()) ? "'" + field.getName() + "'"
                : "'" + field.getName() + "' (" + column.canonicalName() + ")";
        return new InputException(source, "column " + name + ": Parquet type " + found + ", expected "
                + expected(column));
    }

    /** A new decoder of this kind's values (it keeps a little state: one per column and row group). */
    Decoder decoder() {
        return switch (this) {
            case STRING -> new StringDecoder();
            case INTEGER -> new IntegerDecoder();
            case DECIMAL -> new DecimalDecoder();
            case FLOATING -> new FloatingDecoder();
            case TIMESTAMP, DATE, INT96 -> new TimeDecoder(this);
        };
    }

    /** Reads the current value of a column as a CSV field's text. */
    abstract static class Decoder {
        /** The current (non-null) value of {@code column} as text; does not consume it. */
        abstract String text(ColumnReader column);

        /** After {@link #text}: the value as an epoch second when it is a date or time, else {@link LineFeed#DATE_AS_TEXT}. */
        long epochSecond() {
            return LineFeed.DATE_AS_TEXT;
        }

        /**
         * The current (non-null) value as a whole number without making text, or {@link LineFeed#WHOLE_AS_TEXT}
         * when it is not one (a string, a fraction): then {@link #text} gives it.
         */
        long whole(ColumnReader column) {
            return LineFeed.WHOLE_AS_TEXT;
        }

        /** The current (non-null) value as a finite double, or {@link LineFeed#PRICE_AS_TEXT}: then {@link #text}. */
        double number(ColumnReader column) {
            return LineFeed.PRICE_AS_TEXT;
        }
    }

    /**
     * UTF-8 text. A dictionary-encoded page (what Spark, pyarrow and DuckDB write for repetitive text) gives
     * each value's dictionary id: its text is decoded once per row group and kept by id. A plain page's value
     * is decoded each time, unless it is the same object as the previous one. Measured on 1 M generated lines
     * (JFR): comparing each value's bytes with the previous one's was the reader's largest cost.
     */
    private static final class StringDecoder extends Decoder {
        private static final int FIRST_IDS = 1 << 10;
        private String[] byId = new String[FIRST_IDS];
        private boolean plain;
        private Binary last;
        private String lastText;

        @Override
        String text(ColumnReader column) {
            if (!plain) {
                int id;
                try {
                    id = column.getCurrentValueDictionaryID();
                } catch (UnsupportedOperationException e) {
                    // a plain page: a column chunk falls back to plain pages for good once its dictionary is full
                    plain = true;
                    return text(column);
                }
                if (id >= byId.length) {
                    byId = java.util.Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
                }
                String text = byId[id];
                if (text == null) {
                    text = column.getBinary().toStringUsingUTF8();
                    byId[id] = text;
                }
                return text;
            }
            Binary value = column.getBinary();
            if (value != last) {
                lastText = value.toStringUsingUTF8();
                last = value;
            }
            return lastText;
        }
    }

    private static final class IntegerDecoder extends Decoder {
        @Override
        long whole(ColumnReader column) {
            PrimitiveType type = column.getDescriptor().getPrimitiveType();
            boolean unsigned = type.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
            if (type.getPrimitiveTypeName() == PrimitiveTypeName.INT32) {
                int v = column.getInteger();
                return unsigned ? Integer.toUnsignedLong(v) : v;
            }
            long v = column.getLong();
            return (unsigned && v < 0) || v == LineFeed.WHOLE_AS_TEXT ? LineFeed.WHOLE_AS_TEXT : v;
        }

        @Override
        double number(ColumnReader column) {
            long v = whole(column);
            return v == LineFeed.WHOLE_AS_TEXT ? LineFeed.PRICE_AS_TEXT : v;
        }

        @Override
        String text(ColumnReader column) {
            PrimitiveType type = column.getDescriptor().getPrimitiveType();
            boolean unsigned = type.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
            if (type.getPrimitiveTypeName() == PrimitiveTypeName.INT32) {
                int v = column.getInteger();
                return unsigned ? Integer.toUnsignedString(v) : Integer.toString(v);
            }
            long v = column.getLong();
            return unsigned ? Long.toUnsignedString(v) : Long.toString(v);
        }
    }

    private static final class DecimalDecoder extends Decoder {
        @Override
        String text(ColumnReader column) {
            PrimitiveType type = column.getDescriptor().getPrimitiveType();
            int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) type.getLogicalTypeAnnotation()).getScale();
            BigInteger unscaled = switch (type.getPrimitiveTypeName()) {
                case INT32 -> BigInteger.valueOf(column.getInteger());
                case INT64 -> BigInteger.valueOf(column.getLong());
                default -> new BigInteger(column.getBinary().getBytes()); // big-endian two's complement
            };
            return new BigDecimal(unscaled, scale).toPlainString();
        }
    }

    /**
     * {@link Double#toString}, the shortest text that reads back to the same double, so a price reads
     * exactly as written; a whole number (a float64 customer id) as the whole number.
     */
    private static final class FloatingDecoder extends Decoder {
        private static final double MAX_WHOLE = 1e18;

        private static double value(ColumnReader column) {
            return column.getDescriptor().getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT
                    ? Double.parseDouble(Float.toString(column.getFloat())) // 2.55f is 2.55, not 2.549999952...
                    : column.getDouble();
        }

        @Override
        long whole(ColumnReader column) {
            double v = value(column);
            return v == Math.rint(v) && Math.abs(v) < MAX_WHOLE ? (long) v : LineFeed.WHOLE_AS_TEXT;
        }

        @Override
        double number(ColumnReader column) {
            double v = value(column);
            return Double.isFinite(v) ? v : LineFeed.PRICE_AS_TEXT;
        }

        @Override
        String text(ColumnReader column) {
            double v = value(column);
            if (v == Math.rint(v) && Math.abs(v) < MAX_WHOLE) {
                return Long.toString((long) v);
            }
            return Double.toString(v);
        }
    }

    /** A timestamp, date or INT96 as its epoch second; its text is ISO, for an error message only. */
    private static final class TimeDecoder extends Decoder {
        private final ParquetColumnKind kind;
        private long epochSecond;
        private long lastSecond = Long.MIN_VALUE;
        private String lastText;

        TimeDecoder(ParquetColumnKind kind) {
            this.kind = kind;
        }

        @Override
        String text(ColumnReader column) {
            epochSecond = switch (kind) {
                case DATE -> column.getInteger() * SECONDS_PER_DAY;
                case INT96 -> int96(column.getBinary());
                default -> timestamp(column);
            };
            if (epochSecond != lastSecond) {
                lastSecond = epochSecond;
                lastText = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).toString().replace('T', ' ');
            }
            return lastText;
        }

        @Override
        long epochSecond() {
            return epochSecond;
        }

        private static long timestamp(ColumnReader column) {
            LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts = (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation)
                    column.getDescriptor().getPrimitiveType().getLogicalTypeAnnotation();
            long v = column.getLong();
            long perSecond = switch (ts.getUnit()) {
                case MILLIS -> 1_000L;
                case MICROS -> 1_000_000L;
                case NANOS -> NANOS_PER_SECOND;
            };
            return Math.floorDiv(v, perSecond);
        }

        /** 8 bytes of nanoseconds in the day, then 4 bytes of Julian day, little-endian. */
        private static long int96(Binary value) {
            ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() != INT96_BYTES) {
                throw new IllegalStateException("an INT96 value of " + b.remaining() + " bytes");
            }
            long nanos = b.getLong(b.position());
            long day = Integer.toUnsignedLong(b.getInt(b.position() + Long.BYTES));
            return (day - JULIAN_EPOCH_DAY) * SECONDS_PER_DAY + Math.floorDiv(nanos, NANOS_PER_SECOND);
        }
    }
}
