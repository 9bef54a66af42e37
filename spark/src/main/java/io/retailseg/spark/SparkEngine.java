package io.retailseg.spark;

import org.apache.spark.sql.SparkSession;

/** Starts (or joins) the SparkSession the engine runs in. */
public final class SparkEngine {
    /** Shuffle partitions on a local master, unless set with {@code -Dspark.sql.shuffle.partitions}. */
    static final int LOCAL_SHUFFLE_PARTITIONS = 8;
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    /**
     * The shuffle partitions the engine chose (a local master, the user did not): while the setting still
     * holds this value, the engine may size it to the lines.
     */
    static final String ENGINE_SHUFFLE_PARTITIONS = "spark.retailseg.engineShufflePartitions";
    /**
     * Lines per shuffle partition beyond 8 partitions, on a local master. With 8 partitions at 100 M lines
     * (12.5 M lines each) the duplicates' aggregation spilled and took 350 s of a 1,648 s run on
     * {@code local[2]}; with 64 it took 150 s (docs/benchmarks.md, "Issue 13 ... 100 M lines").
     */
    static final long LINES_PER_SHUFFLE_PARTITION = 1_500_000L;

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
        }
        if (master != null && master.startsWith("local")) {
            if (System.getProperty(SHUFFLE_PARTITIONS) == null) {
                // Spark's default of 200 shuffle partitions is for clusters: on one machine each stage would
                // run 200 tiny tasks (MLlib's k-means runs one stage per iteration)
                String chosen = String.valueOf(LOCAL_SHUFFLE_PARTITIONS);
                b = b.config(SHUFFLE_PARTITIONS, chosen).config(ENGINE_SHUFFLE_PARTITIONS, chosen);
            }
            if (System.getProperty(CACHE_COMPRESSED) == null) {
                b = b.config(CACHE_COMPRESSED, "false");
            }
        }
        return b;
    }

    /**
     * Shuffle partitions for {@code lines} on a local master: 8, or one per {@link #LINES_PER_SHUFFLE_PARTITION}
     * lines when that is more (67 at 100 M lines), at most 1,024.
     */
    static int localShufflePartitions(long lines) {
        long perSize = (lines + LINES_PER_SHUFFLE_PARTITION - 1) / LINES_PER_SHUFFLE_PARTITION;
        return (int) Math.min(1024, Math.max(LOCAL_SHUFFLE_PARTITIONS, perSize));
    }

    /**
     * Once the lines are read and counted: when the engine chose the shuffle partitions, sizes them to the
     * lines (a runtime SQL setting: the shuffles that follow use it). A user's setting, and a cluster's, stay.
     */
    static void sizeShuffles(SparkSession spark, long lines) {
        String chosen = spark.conf().get(ENGINE_SHUFFLE_PARTITIONS, null);
        if (chosen != null && chosen.equals(spark.conf().get(SHUFFLE_PARTITIONS))) {
            String sized = String.valueOf(localShufflePartitions(lines));
            spark.conf().set(SHUFFLE_PARTITIONS, sized);
            spark.conf().set(ENGINE_SHUFFLE_PARTITIONS, sized);
        }
    }

    public static SparkSession session(SparkSession.Builder builder) {
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
