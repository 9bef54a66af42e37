package io.retailseg.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's page compression without Hadoop: parquet-hadoop's own {@code CodecFactory} reaches every
 * codec through Hadoop's {@code CompressionCodec} classes, so this factory takes its place in the
 * reader and the writer. Snappy, ZSTD and LZ4_RAW come from aircompressor (pure Java, Apache-2.0,
 * already a dependency of parquet-hadoop), GZIP from the JDK: the codecs Spark, pyarrow, DuckDB and
 * pandas write. LZO, BROTLI and the Hadoop-framed LZ4 are not supported ({@link #SUPPORTED}); a file
 * using them is refused by the reader with a one-line error before any row is read.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    /** The codecs this factory reads and writes. */
    static final Set<CompressionCodecName> SUPPORTED = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW);

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new BlockCompressor(codec, null);
            case SNAPPY -> new BlockCompressor(codec, new SnappyCompressor());
            case ZSTD -> new BlockCompressor(codec, new ZstdCompressor());
            case LZ4_RAW -> new BlockCompressor(codec, new Lz4Compressor());
            case GZIP -> new GzipCompressor();
            default -> throw new UnsupportedOperationException("Parquet compression " + codec + " is not supported;"
                    + " supported: " + SUPPORTED);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new BlockDecompressor(null);
            case SNAPPY -> new BlockDecompressor(new SnappyDecompressor());
            case ZSTD -> new BlockDecompressor(new ZstdDecompressor());
            case LZ4_RAW -> new BlockDecompressor(new Lz4Decompressor());
            case GZIP -> new GzipDecompressor();
            default -> throw new UnsupportedOperationException("Parquet compression " + codec + " is not supported;"
                    + " supported: " + SUPPORTED);
        };
    }

    @Override
    public void release() {
    }

    /** A block codec of aircompressor, or none (UNCOMPRESSED) when {@code compressor} is null. */
    private record BlockCompressor(CompressionCodecName codec, Compressor compressor) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (compressor == null) {
                return bytes;
            }
            byte[] in = bytes.toByteArray();
            byte[] out = new byte[compressor.maxCompressedLength(in.length)];
            int length = compressor.compress(in, 0, in.length, out, 0, out.length);
            return BytesInput.from(out, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    /** A page decompressor whose buffer form goes through its array form, and that holds nothing to release. */
    private interface PageDecompressor extends BytesInputDecompressor {
        @Override
        default void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
        }

        @Override
        default void release() {
        }
    }

    private record BlockDecompressor(Decompressor decompressor) implements PageDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (decompressor == null) {
                return bytes;
            }
            byte[] in = bytes.toByteArray();
            byte[] out = new byte[uncompressedSize];
            try {
                int length = decompressor.decompress(in, 0, in.length, out, 0, out.length);
                if (length != uncompressedSize) {
                    throw new IOException("a page decompressed to " + length + " bytes, its header says "
                            + uncompressedSize);
                }
            } catch (MalformedInputException | IndexOutOfBoundsException e) {
                throw new IOException("a damaged compressed page (" + e.getMessage() + ")", e);
            }
            return BytesInput.from(out);
        }
    }

    private static final class GzipCompressor implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                bytes.writeAllTo(gzip);
            }
            return BytesInput.from(out.toByteArray());
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.GZIP;
        }

        @Override
        public void release() {
        }
    }

    private static final class GzipDecompressor implements PageDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            try (InputStream in = new GZIPInputStream(bytes.toInputStream())) {
                byte[] out = in.readNBytes(uncompressedSize);
                if (out.length != uncompressedSize) {
                    throw new IOException("a page decompressed to " + out.length + " bytes, its header says "
                            + uncompressedSize);
                }
                return BytesInput.from(out);
            }
        }
    }
}
