package io.retailseg.postgres;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.io.LineFeed;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.zip.CRC32C;

/**
 * The lines of a {@code COPY (SELECT the 8 columns) TO STDOUT (FORMAT binary)} decoded straight into the core's
 * column store through {@link LineFeed}: the server sends integers, numerics, doubles and timestamps in their
 * binary form, so neither it formats them as text nor we parse them back. Each column's {@link Wire} comes from
 * its type, checked before the COPY; text columns arrive as their UTF-8 bytes.
 *
 * <p>Values go to {@link LineFeed} as the CSV reader would have decoded the server's CSV text, bit for bit:
 * a {@code numeric} is its exact decimal value, correctly rounded to a double as {@code io.NumberParsing} rounds
 * the text {@code numeric_out} prints (a mantissa below 2^53 divided by an exact power of ten; any other value
 * goes to the field rules as that text); a {@code timestamp} is its wall time cut to the second, as
 * {@code date_trunc('second', ...)} cut it. A value the field rules would refuse (a fraction in a Quantity, more
 * than 18 digits, NaN, infinity) is handed over as the text the server would print, so the error or the skipped
 * line is the CSV path's. NULL is an empty field, as in CSV. Errors name the row (1-based) as the line.
 *
 * <p>Format: <a href="https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4">COPY binary</a>;
 * the send functions {@code int2send}, {@code int4send}, {@code int8send}, {@code float8send},
 * {@code numeric_send}, {@code timestamp_send}, {@code date_send}, {@code textsend}.
 */
final class BinaryCopyLines {
    /** How a column arrives, by its type. */
    enum Wire {
        /** text, varchar, bpchar, name, citext, and anything cast to text by the SELECT: UTF-8 bytes. */
        TEXT,
        INT2,
        INT4,
        INT8,
        FLOAT8,
        NUMERIC,
        /** int64 microseconds since 2000-01-01 00:00. */
        TIMESTAMP,
        /** int32 days since 2000-01-01. */
        DATE
    }

    /** Where the next bytes come from: one CopyData message at a time, null at the end. */
    interface Chunks {
        byte[] next() throws SQLException;
    }

    /** Told every {@link io.retailseg.io.ReadProgress#EVERY_LINES} rows. */
    interface Progress {
        void rows(long rows, long bytes);
    }

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Column.values() clones its array on every call: once here, not once per field of every row. */
    private static final Column[] COLUMNS = Column.values();
    private static final int FIELDS = COLUMNS.length;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** 2000-01-01T00:00 in seconds since 1970-01-01T00:00, PostgreSQL's epoch. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final long POSTGRES_EPOCH_DAY = 10_957L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** The largest whole number the field rules read: 18 significant digits ({@code NumberParsing}). */
    private static final long MAX_WHOLE = 999_999_999_999_999_999L;
    /**
     * A UnitPrice given as a number only within the field rules' range (1e9, {@code LineDecoder.MAX_ABS_PRICE});
     * beyond it the price goes as text, so the error quotes the server's digits rather than a double's.
     */
    private static final double MAX_GIVEN_PRICE = 1e9;
    /** Below 2^53 a long is exact in a double. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final int NBASE = 10_000;

    private final String source;
    private final Wire[] wires;
    private final LineFeed feed;
    private final CRC32C crc = new CRC32C();
    private long bytes;

    private byte[] buf = new byte[0];
    private int pos;
    private char[] chars = new char[256];
    private int used;
    private final int[] start = new int[FIELDS];
    private final int[] length = new int[FIELDS];
    private long epochSecond;
    private long quantity;
    private double price;
    private long customer;

    /** @param wires each {@link Column}'s wire form, by ordinal, in the order the SELECT lists them */
    BinaryCopyLines(String source, Wire[] wires, LineFeed feed) {
        if (wires.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " columns, found " + wires.length);
        }
        this.source = source;
        this.wires = wires.clone();
        this.feed = feed;
    }

    /** Bytes the server sent. */
    long bytes() {
        return bytes;
    }

    /** CRC-32C of the bytes the server sent. */
    long crc32c() {
        return crc.getValue();
    }

    /** Hands every row to the feed; returns the rows read. */
    long read(Chunks chunks, Progress progress) throws SQLException {
        header(chunks);
        long row = 0;
        while (true) {
            need(chunks, 2);
            int count = (short) SHORT.get(buf, pos);
            pos += 2;
            if (count == -1) {
                break; // the trailer
            }
            if (count != FIELDS) {
                throw malformed("a row of " + count + " fields, expected " + FIELDS);
            }
            row++;
            used = 0;
            epochSecond = LineFeed.DATE_AS_TEXT;
            quantity = LineFeed.WHOLE_AS_TEXT;
            price = LineFeed.PRICE_AS_TEXT;
            customer = LineFeed.WHOLE_AS_TEXT;
            for (int c = 0; c < FIELDS; c++) {
                need(chunks, 4);
                int len = (int) INT.get(buf, pos);
                pos += 4;
                start[c] = used;
                length[c] = 0;
                if (len < 0) {
                    continue; // NULL: an empty field, as in CSV
                }
                need(chunks, len);
                field(c, len);
                pos += len;
            }
            feed.add(row, chars, start, length, epochSecond, quantity, price, customer);
            if (row % io.retailseg.io.ReadProgress.EVERY_LINES == 0) {
                progress.rows(row, bytes);
            }
        }
        while (chunks.next() != null) {
            // nothing follows the trailer; let the COPY end
        }
        return row;
    }

    private void header(Chunks chunks) throws SQLException {
        need(chunks, SIGNATURE.length + 8);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (buf[pos + i] != SIGNATURE[i]) {
                throw malformed("no PGCOPY signature");
            }
        }
        pos += SIGNATURE.length + 4; // the flags: no OIDs since PostgreSQL 12
        int extension = (int) INT.get(buf, pos);
        pos += 4;
        need(chunks, extension);
        pos += extension;
    }

    /** Makes {@code n} bytes from {@link #pos} readable, joining messages when a value spans two. */
    private void need(Chunks chunks, int n) throws SQLException {
        while (buf.length - pos < n) {
            byte[] next = chunks.next();
            if (next == null) {
                throw malformed("the data ended in the middle of a row");
            }
            crc.update(next);
            bytes += next.length;
            if (pos == buf.length) {
                buf = next;
            } else {
                byte[] joined = new byte[buf.length - pos + next.length];
                System.arraycopy(buf, pos, joined, 0, buf.length - pos);
                System.arraycopy(next, 0, joined, buf.length - pos, next.length);
                buf = joined;
            }
            pos = 0;
        }
    }

    private InputException malformed(String what) {
        return new InputException(source, "cannot read the server's binary COPY: " + what);
    }

    /** Decodes column {@code c}'s value of {@code len} bytes at {@link #pos}. */
    private void field(int c, int len) {
        Column column = COLUMNS[c];
        switch (wires[c]) {
            case TEXT -> text(c, buf, pos, len);
            case INT2 -> whole(c, column, (short) SHORT.get(buf, pos));
            case INT4 -> whole(c, column, (int) INT.get(buf, pos));
            case INT8 -> whole(c, column, (long) LONG.get(buf, pos));
            case FLOAT8 -> {
                double v = (double) LONG_BITS.get(buf, pos);
                if (column == Column.UNIT_PRICE && Double.isFinite(v)) {
                    price = v;
                } else {
                    // float8out's words for the values the field rules refuse
                    text(c, Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
                }
            }
            case NUMERIC -> numeric(c, column);
            case TIMESTAMP -> {
                long micros = (long) LONG.get(buf, pos);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    text(c, micros > 0 ? "infinity" : "-infinity");
                } else {
                    epochSecond = Math.floorDiv(micros, MICROS_PER_SECOND) + POSTGRES_EPOCH_SECOND;
                }
            }
            case DATE -> {
                int days = (int) INT.get(buf, pos);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    text(c, days > 0 ? "infinity" : "-infinity");
                } else {
                    epochSecond = (days + POSTGRES_EPOCH_DAY) * SECONDS_PER_DAY;
                }
            }
            default -> throw new IllegalStateException("unknown wire form " + wires[c]);
        }
    }

    private static final VarHandle LONG_BITS = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.BIG_ENDIAN);

    /** An integer column: a number where the field rules take one, else its text (int8out = Long.toString). */
    private void whole(int c, Column column, long v) {
        boolean inRange = v >= -MAX_WHOLE && v <= MAX_WHOLE;
        switch (column) {
            case QUANTITY -> {
                if (inRange) {
                    quantity = v;
                    return;
                }
            }
            case CUSTOMER_ID -> {
                if (inRange) {
                    customer = v;
                    return;
                }
            }
            case UNIT_PRICE -> {
                if (Math.abs((double) v) <= MAX_GIVEN_PRICE) {
                    price = v;
                    return;
                }
            }
            default -> {
            }
        }
        text(c, Long.toString(v));
    }

    /**
     * A numeric: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits, the first worth
     * 10000^weight. The value is {@code M * 10000^(weight - ndigits + 1)} with M the digits read as one number.
     */
    private void numeric(int c, Column column) {
        int p = pos;
        int ndigits = (short) SHORT.get(buf, p);
        int weight = (short) SHORT.get(buf, p + 2);
        int sign = (short) SHORT.get(buf, p + 4) & 0xffff;
        int dscale = (short) SHORT.get(buf, p + 6) & 0xffff;
        p += 8;
        switch (sign) {
            case NUMERIC_NAN -> {
                text(c, "NaN");
                return;
            }
            case NUMERIC_PINF -> {
                text(c, "Infinity");
                return;
            }
            case NUMERIC_NINF -> {
                text(c, "-Infinity");
                return;
            }
            case NUMERIC_POS, NUMERIC_NEG -> {
            }
            default -> throw malformed("a numeric with sign " + Integer.toHexString(sign));
        }
        boolean negative = sign == NUMERIC_NEG;
        long m = 0;
        boolean fits = true;
        for (int i = 0; i < ndigits && fits; i++) {
            int d = (short) SHORT.get(buf, p + 2 * i);
            fits = m <= (Long.MAX_VALUE - d) / NBASE;
            m = m * NBASE + d;
        }
        int scale = 0;
        int exponent = weight - ndigits + 1; // of 10000, for the last digit
        for (int e = exponent; e > 0 && fits; e--) {
            fits = m <= Long.MAX_VALUE / NBASE;
            m *= NBASE;
        }
        if (exponent < 0) {
            scale = -4 * exponent;
        }
        while (fits && scale > 0 && m % 10 == 0) {
            m /= 10;
            scale--;
        }
        if (fits) {
            switch (column) {
                case QUANTITY, CUSTOMER_ID -> {
                    if (scale == 0 && m <= MAX_WHOLE) {
                        if (column == Column.QUANTITY) {
                            quantity = negative ? -m : m;
                        } else {
                            customer = negative ? -m : m;
                        }
                        return;
                    }
                }
                case UNIT_PRICE -> {
                    if (m < MAX_EXACT_MANTISSA && scale < POWERS_OF_TEN.length) {
                        // both exact, so the quotient is correctly rounded: the double parseDouble gives the text
                        double v = m / POWERS_OF_TEN[scale];
                        if (v <= MAX_GIVEN_PRICE) {
                            price = negative ? -v : v;
                            return;
                        }
                    }
                }
                default -> {
                }
            }
        }
        text(c, numericText(negative, weight, dscale, ndigits, pos + 8));
    }

    /** The text {@code numeric_out} prints: the integer part without leading zeros, then dscale digits. */
    private String numericText(boolean negative, int weight, int dscale, int ndigits, int at) {
        StringBuilder sb = new StringBuilder(negative ? "-" : "");
        if (weight < 0) {
            sb.append('0');
        } else {
            for (int i = 0; i <= weight; i++) {
                int d = digit(i, ndigits, at);
                if (i == 0) {
                    sb.append(d);
                } else {
                    appendGroup(sb, d);
                }
            }
        }
        if (dscale > 0) {
            sb.append('.');
            int end = sb.length() + dscale;
            for (int i = weight + 1; sb.length() < end; i++) {
                appendGroup(sb, digit(i, ndigits, at));
            }
            sb.setLength(end);
        }
        return sb.toString();
    }

    private int digit(int i, int ndigits, int at) {
        return i >= 0 && i < ndigits ? (short) SHORT.get(buf, at + 2 * i) : 0;
    }

    private static void appendGroup(StringBuilder sb, int d) {
        String s = Integer.toString(d);
        sb.append("0000", 0, 4 - s.length()).append(s);
    }

    private void text(int c, String s) {
        int len = s.length();
        ensure(len);
        s.getChars(0, len, chars, used);
        start[c] = used;
        length[c] = len;
        used += len;
    }

    /**
     * UTF-8 bytes to characters: copied as ASCII in one loop without an early exit (so the JIT can vectorize it;
     * the exit on the first non-ASCII byte made it the reading thread's largest cost in a JFR profile of 10 M
     * lines), redone by the JDK's decoder when a byte was not ASCII.
     */
    private void text(int c, byte[] b, int from, int len) {
        ensure(len); // a UTF-8 text never has more characters than bytes
        int at = used;
        char[] to = chars;
        int high = 0;
        for (int i = 0; i < len; i++) {
            byte x = b[from + i];
            high |= x;
            to[at + i] = (char) (x & 0xff);
        }
        if (high < 0) {
            text(c, new String(b, from, len, StandardCharsets.UTF_8));
            return;
        }
        start[c] = at;
        length[c] = len;
        used += len;
    }

    private void ensure(int more) {
        if (used + more > chars.length) {
            chars = java.util.Arrays.copyOf(chars, Math.max(used + more, chars.length * 2));
        }
    }
}
