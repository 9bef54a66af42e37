package io.retailseg.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of a flat schema to a local Parquet file without Hadoop: parquet-java's
 * {@link ParquetWriter} over a {@link LocalOutputFile}, {@link PlainParquetConfiguration} and
 * {@link ParquetCodecs}, Snappy-compressed as Spark writes by default. A row is an index the caller's
 * {@link Fields} turns into values, so no object is made per row.
 */
final class RowWriter {
    /** The compression of every file this module writes: Spark's default, read by every tool. */
    static final CompressionCodecName CODEC = CompressionCodecName.SNAPPY;

    private RowWriter() {
    }

    /** Writes the fields of one row, in schema order, through {@link Row}. */
    interface Fields {
        void write(long row, Row out);
    }

    /**
     * Writes {@code rows} rows of {@code schema} to {@code file}, truncating it when it exists: a run
     * folder's file is created empty (with {@code CREATE_NEW}, so never through a link) by
     * {@link io.retailseg.publish.OutputFolder} before its content is written.
     */
    static void write(Path file, MessageType schema, long rows, Fields fields) throws IOException {
        try (ParquetWriter<Long> writer = new Builder(file, schema, fields)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(CODEC)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (long row = 0; row < rows; row++) {
                writer.write(row);
            }
        }
    }

    /** One row's fields, in schema order: each call writes the next field (a null skips it). */
    static final class Row {
        private final MessageType schema;
        private RecordConsumer consumer;
        private int field;

        Row(MessageType schema) {
            this.schema = schema;
        }

        private void start(RecordConsumer c) {
            consumer = c;
            field = 0;
        }

        private void begin() {
            consumer.startField(schema.getFieldName(field), field);
        }

        private Row end() {
            consumer.endField(schema.getFieldName(field), field);
            field++;
            return this;
        }

        Row string(String value) {
            if (value == null) {
                return nothing();
            }
            begin();
            consumer.addBinary(Binary.fromString(value));
            return end();
        }

        /** A 12-byte INT96 value as given (only tests write Spark's legacy timestamps). */
        Row int96(byte[] value) {
            begin();
            consumer.addBinary(Binary.fromConstantByteArray(value));
            return end();
        }

        Row int32(int value) {
            begin();
            consumer.addInteger(value);
            return end();
        }

        Row int64(long value) {
            begin();
            consumer.addLong(value);
            return end();
        }

        /** A double, or null when it is not finite (the CSV's empty field). */
        Row float64(double value) {
            if (!Double.isFinite(value)) {
                return nothing();
            }
            begin();
            consumer.addDouble(value);
            return end();
        }

        Row bool(boolean value) {
            begin();
            consumer.addBoolean(value);
            return end();
        }

        /** A null: the field is left out of the record. */
        Row nothing() {
            field++;
            return this;
        }
    }

    private static final class Support extends WriteSupport<Long> {
        private final MessageType schema;
        private final Fields fields;
        private final Row row;
        private RecordConsumer consumer;

        Support(MessageType schema, Fields fields) {
            this.schema = schema;
            this.fields = fields;
            this.row = new Row(schema);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
        }

        @Override
        public void write(Long index) {
            consumer.startMessage();
            row.start(consumer);
            fields.write(index, row);
            consumer.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Long, Builder> {
        private final MessageType schema;
        private final Fields fields;

        Builder(Path file, MessageType schema, Fields fields) {
            super(new LocalOutputFile(file));
            this.schema = schema;
            this.fields = fields;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Long> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return new Support(schema, fields);
        }

        @Override
        protected WriteSupport<Long> getWriteSupport(ParquetConfiguration configuration) {
            return new Support(schema, fields);
        }
    }
}
