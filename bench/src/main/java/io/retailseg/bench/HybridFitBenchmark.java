package io.retailseg.bench;

import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.io.TransactionReader;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.ItemSimilarity;
import io.retailseg.recommend.ItemWeights;
import io.retailseg.recommend.RecommenderFit;
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
 * The default recommender's fit, the largest stage of a default run on the real file: the hybrid's local
 * EASE weights (co-occurrence counts, each product's 100 neighbours, one 100 x 100 ridge system per product)
 * from the customers' baskets, all threads. On the real file ({@code -p file=.../online_retail.csv.gz}) or on
 * a generated one of {@code lines} lines. The run's launcher uses C1 only for inputs this size, so run it
 * both ways: {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} is what a user's run gets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class HybridFitBenchmark {
    /** A CSV file to read; empty for a generated one. */
    @Param("")
    String file;
    @Param("500000")
    int lines;

    Transactions clean;
    CustomerGroups groups;
    Catalogue catalogue;
    Basket[] baskets;
    int products;

    @Setup
    public void setUp() {
        clean = file.isEmpty() ? Inputs.cleanLines(lines)
                : Cleaner.clean(TransactionReader.read(Path.of(file))).lines();
        groups = CustomerGroups.of(clean);
        catalogue = Catalogue.of(clean);
        baskets = Basket.of(clean, groups, catalogue);
        products = catalogue.size();
    }

    /** The fit's input: every customer's basket, from the cleaned lines grouped by customer. */
    @Benchmark
    public Basket[] baskets() {
        return Basket.of(clean, groups, catalogue);
    }

    @Benchmark
    public ItemWeights localEase() {
        return ItemSimilarity.localEase(baskets, products, RecommenderFit.HYBRID_NEIGHBOURS,
                RecommenderFit.HYBRID_LAMBDA, Inputs.THREADS);
    }
}
