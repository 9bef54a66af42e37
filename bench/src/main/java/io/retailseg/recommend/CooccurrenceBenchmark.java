package io.retailseg.recommend;

import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.io.TransactionReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The co-occurrence counts under the item-item fits (the hybrid's default fit spends most of its time there
 * at 100 M generated lines), counted once per pair into a triangle ({@code maxTrianglePairs} 2^24, what a
 * catalogue up to about 5,800 products gets) or row by row from both sides ({@code 0}, what larger
 * catalogues get), on all threads. In this package because the counts are package-private. Input: a CSV
 * file, cleaned as a run would, e.g. the 10 M generated lines of {@code bench/spark.sh}:
 *
 * <pre>{@code java -jar bench/target/benchmarks.jar CooccurrenceBenchmark -p file=bench/target/spark/lines10000000.csv}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class CooccurrenceBenchmark {
    /** A CSV file of transaction lines. */
    @Param("bench/target/spark/lines10000000.csv")
    String file;
    @Param({"16777216", "0"})
    long maxTrianglePairs;

    Basket[] baskets;
    int products;

    @Setup
    public void setUp() {
        Transactions clean = Cleaner.clean(TransactionReader.read(Path.of(file))).lines();
        Catalogue catalogue = Catalogue.of(clean);
        baskets = Basket.of(clean, catalogue);
        products = catalogue.size();
    }

    @Benchmark
    public Object counts() {
        return ItemSimilarity.cooccurrence(baskets, products, ItemSimilarity.DEFAULT_CANDIDATES,
                Runtime.getRuntime().availableProcessors(), maxTrianglePairs);
    }
}
