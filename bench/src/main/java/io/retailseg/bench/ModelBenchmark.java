package io.retailseg.bench;

import io.retailseg.ml.ClusterMetrics;
import io.retailseg.ml.IsolationForest;
import io.retailseg.ml.KMeans;
import io.retailseg.ml.KMeansResult;
import io.retailseg.ml.KSelector;
import io.retailseg.ml.SampledSilhouette;
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
 * The model kernels on the customers of a generated file (500,000 lines: about 4,000 customers,
 * the real file's scale): Isolation Forest fit and score, k-means (one restart; the reference's 10
 * restarts), the full k = 2..15 search, and the silhouette exact and on a sample. All threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ModelBenchmark {
    @Param("500000")
    int lines;

    double[][] features;
    double[][] scores;
    int[] labels3;
    SampledSilhouette sampled;
    /** The k search's clusterings (k = 2..15) and an exact scorer whose pair distances are already cached. */
    int[][] searchLabels;
    int[] searchKs;
    SampledSilhouette exact;

    @Setup
    public void setUp() {
        features = Inputs.features(lines);
        scores = Inputs.pcaScores(lines);
        labels3 = KMeans.fit(scores, 3, 10, 100, 1e-4, Inputs.SEED, Inputs.THREADS).labels();
        sampled = SampledSilhouette.of(scores, 1000, Inputs.SEED);
        searchLabels = new int[14][];
        searchKs = new int[14];
        for (int k = 2; k <= 15; k++) {
            searchLabels[k - 2] = KMeans.fit(scores, k, 10, 100, 1e-4, Inputs.SEED, Inputs.THREADS).labels();
            searchKs[k - 2] = k;
        }
        exact = SampledSilhouette.of(scores, 5_000, Inputs.SEED);
        exact.score(labels3, 3, Inputs.THREADS);
    }

    /** The k search's 14 exact silhouettes one k after another, as before issue 15 (pair distances cached). */
    @Benchmark
    public double silhouettesK2To15OneByOne() {
        double sum = 0;
        for (int i = 0; i < searchKs.length; i++) {
            sum += exact.score(searchLabels[i], searchKs[i], Inputs.THREADS).mean();
        }
        return sum;
    }

    /** The same 14 silhouettes in one pass over the cached pair distances, k values shared among the threads. */
    @Benchmark
    public SampledSilhouette.Estimate[] silhouettesK2To15OnePass() {
        return exact.scoreAll(searchLabels, searchKs, Inputs.THREADS);
    }

    @Benchmark
    public double[] isolationForestFitAndScore() {
        IsolationForest f = IsolationForest.fit(features, 100, 256, Inputs.SEED, Inputs.THREADS);
        return f.scoreAll(features, Inputs.THREADS);
    }

    @Benchmark
    public KMeansResult kmeansOneRestart() {
        return KMeans.fit(scores, 3, 1, 100, 1e-4, Inputs.SEED, Inputs.THREADS);
    }

    @Benchmark
    public KMeansResult kmeansTenRestarts() {
        return KMeans.fit(scores, 3, 10, 100, 1e-4, Inputs.SEED, Inputs.THREADS);
    }

    @Benchmark
    public KSelector.Outcome kSearch2To15() {
        return KSelector.choose(scores, 2, 15,
                new KSelector.Settings(10, 100, 1e-4, Inputs.SEED, Inputs.THREADS, 0.005, 20_000, Inputs.SEED));
    }

    @Benchmark
    public double silhouetteExact() {
        return ClusterMetrics.silhouette(scores, labels3, 3, Inputs.THREADS);
    }

    @Benchmark
    public SampledSilhouette.Estimate silhouetteSampled1000() {
        return sampled.score(labels3, 3, Inputs.THREADS);
    }
}
