package io.retailseg.postgres;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (the protocol documentation's "Binary Format" of COPY): a
 * header, per row the field count and each field as its length and its bytes in the type's binary send
 * format ({@code -1} for NULL), and a trailer. Doubles travel as their 8 IEEE bytes, so nothing is formatted
 * to text and parsed back (with text, a million customers' 22 numbers each cost about 5 s of
 * {@code Double.toString} alone on Java 17). Each method writes one field of the column's exact type.
 */
final class BinaryCopyRow {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** pg_type OID of float8, the element type of a {@code double precision[]}. */
    private static final int FLOAT8_OID = 701;
    /** jsonb's binary format version. */
    private static final int JSONB_VERSION = 1;

    private final DataOutputStream out;

    BinaryCopyRow(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    /** The stream's header: the signature, no flags, no header extension. */
    void header() throws IOException {
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
    }

    /** Starts a row of {@code fields} fields. */
    BinaryCopyRow begin(int fields) throws IOException {
        out.writeShort(fields);
        return this;
    }

    /** After the last row. */
    void trailer() throws IOException {
        out.writeShort(-1);
        out.flush();
    }

    void flush() throws IOException {
        out.flush();
    }

    BinaryCopyRow text(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
        return this;
    }

    BinaryCopyRow jsonb(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length + 1);
        out.writeByte(JSONB_VERSION);
        out.write(bytes);
        return this;
    }

    BinaryCopyRow int4(int v) throws IOException {
        out.writeInt(Integer.BYTES);
        out.writeInt(v);
        return this;
    }

    BinaryCopyRow int8(long v) throws IOException {
        out.writeInt(Long.BYTES);
        out.writeLong(v);
        return this;
    }

    BinaryCopyRow float8(double v) throws IOException {
        out.writeInt(Double.BYTES);
        out.writeDouble(v);
        return this;
    }

    BinaryCopyRow bool(boolean v) throws IOException {
        out.writeInt(1);
        out.writeByte(v ? 1 : 0);
        return this;
    }

    /** A one-dimensional {@code double precision[]} without NULL elements, lower bound 1. */
    BinaryCopyRow float8Array(double[] values) throws IOException {
        out.writeInt(5 * Integer.BYTES + values.length * (Integer.BYTES + Double.BYTES));
        out.writeInt(1); // dimensions
        out.writeInt(0); // no NULL element
        out.writeInt(FLOAT8_OID);
        out.writeInt(values.length);
        out.writeInt(1); // lower bound
        for (double v : values) {
            out.writeInt(Double.BYTES);
            out.writeDouble(v);
        }
        return this;
    }

    BinaryCopyRow nul() throws IOException {
        out.writeInt(-1);
        return this;
    }
}
