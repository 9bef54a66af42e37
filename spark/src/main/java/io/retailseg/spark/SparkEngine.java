package io.retailseg.spark;

import org.apache.spark.sql.SparkSession;

/** Starts (or joins) the SparkSession the engine runs in. */
public final class SparkEngine {
    /** Shuffle partitions on a local master, unless set with {@code -Dspark.sql.shuffle.partitions}. */
    static final String LOCAL_SHUFFLE_PARTITIONS = "8";

    private SparkEngine() {
    }

    /**
     * A builder with the settings the engine relies on: UTC as the session time zone (InvoiceDate is a
     * local time stored as if UTC, as the core stores it) and {@code master} when given (empty
     * under {@code spark-submit}, which sets it).
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
        }
        return b;
    }

    public static SparkSession session(SparkSession.Builder builder) {
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
