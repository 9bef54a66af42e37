package io.retailseg.spark;

import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the module's tests: two threads, small shuffles, no UI. */
final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkEngine.session(SparkEngine.builder("local[2]")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.ui.enabled", "false"));
        }
        return session;
    }
}
