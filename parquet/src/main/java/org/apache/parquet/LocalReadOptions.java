package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * {@link ParquetReadOptions} without Hadoop. parquet-java 1.18's {@code ParquetReadOptions.Builder}
 * constructor always makes a Hadoop codec factory ({@code HadoopCodecs.newFactory}), which loads
 * Hadoop classes even when {@code withCodecFactory} replaces it afterwards; the options' own
 * constructor does not, but it is package-private, hence this class in parquet's package (the class
 * path has no module boundaries). Pinned to parquet-java 1.18.x: the module's tests read files
 * without Hadoop on the class path, so a changed constructor fails the build, not a user's run.
 */
public final class LocalReadOptions {
    private static final int MAX_ALLOCATION_BYTES = 8 << 20; // parquet's default

    private LocalReadOptions() {
    }

    /**
     * Options for reading whole files: no row filters (every row is read), page checksums verified
     * when the writer wrote them (a damaged page is then an error rather than wrong values), pages
     * decompressed by {@code codecs}.
     */
    public static ParquetReadOptions of(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(
                false, // useSignedStringMinMax
                false, // useStatsFilter
                false, // useDictionaryFilter
                false, // useRecordFilter
                false, // useColumnIndexFilter
                true, // usePageChecksumVerification
                false, // useBloomFilter
                false, // useOffHeapDecryptBuffer
                false, // useHadoopVectoredIo
                null, // recordFilter
                ParquetMetadataConverter.NO_FILTER,
                codecs,
                new HeapByteBufferAllocator(),
                MAX_ALLOCATION_BYTES,
                Map.of(),
                null, // fileDecryptionProperties
                null, // metricsCallback
                new PlainParquetConfiguration());
    }
}
