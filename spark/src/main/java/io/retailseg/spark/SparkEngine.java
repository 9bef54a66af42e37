package io.retailseg.spark;

import org.apache.spark.sql.SparkSession;

/** Starts (or joins) the SparkSession the engine runs in. */
public final class SparkEngine {
    /** Shuffle partitions on a local master, unless set with {@code -Dspark.sql.shuffle.partitions}. */
    static final String LOCAL_SHUFFLE_PARTITIONS = "8";

    /** Spark's setting for compressing cached data: off on a local master unless the user sets it. */
    static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

    private SparkEngine() {
    }

    /**
     * A builder with the settings the engine relies on: UTC as the session time zone (InvoiceDate is a
     * local time stored as if UTC, as the core stores it) and {@code master} when given (empty
     * under {@code spark-submit}, which sets it). On a local master the cached lines are not compressed
     * unless {@code spark.sql.inMemoryColumnarStorage.compressed} is set: choosing each column's encoding was
     * a third of the cost of caching, and the run caches the lines three times (10 M lines on
     * {@code local[2]}: 231 s against 277 s; docs/benchmarks.md). On a cluster Spark's default (compressed)
     * stays: with 2 GB executors the larger cache left the duplicates' aggregation too little memory, and
     * merging its spills ran out of heap at 10 M lines.
     */
    public static SparkSession.Builder builder(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("retailseg")
                .config("spark.sql.session.timeZone", "UTC");
        if (master != null && !master.isEmpty()) {
            b = b.master(master);
            if (master.startsWith("local") && System.getProperty("spark.sql.shuffle.partitions") == null) {
                // Spark's default of 200 shuffle partitions is for clusters: on one machine each stage would
                // run 200 tiny tasks (MLlib's k-means runs one stage per iteration)
                b = b.config("spark.sql.shuffle.partitions", LOCAL_SHUFFLE_PARTITIONS);
            }
            if (master.startsWith("local") && System.getProperty(CACHE_COMPRESSED) == null) {
                b = b.config(CACHE_COMPRESSED, "false");
            }
        }
        return b;
    }

    public static SparkSession session(SparkSession.Builder builder) {
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
