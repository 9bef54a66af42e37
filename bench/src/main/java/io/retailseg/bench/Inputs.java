package io.retailseg.bench;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.Compat;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import io.retailseg.ml.IsolationForest;
import io.retailseg.ml.Pca;
import io.retailseg.ml.StandardScaler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Benchmark inputs, made from the synthetic generator (seed 42) as the pipeline would. */
final class Inputs {
    static final long SEED = 42;
    static final int THREADS = Runtime.getRuntime().availableProcessors();

    private Inputs() {
    }

    /** A generated CSV file of {@code lines} lines in a temporary folder (deleted on exit). */
    static Path generatedFile(int lines) {
        try {
            Path dir = Files.createTempDirectory("retailseg-bench");
            Path file = dir.resolve("generated-" + lines + ".csv");
            SyntheticRetailGenerator.write(lines, SEED, file);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cleaned lines of a generated file. */
    static Transactions cleanLines(int lines) {
        return Cleaner.clean(TransactionReader.read(generatedFile(lines))).lines();
    }

    /** The 15 features of the customers of a generated file. */
    static double[][] features(int lines) {
        return FeatureExtractor.extract(cleanLines(lines), Compat.SPEC).matrix();
    }

    /** Standardized, PCA-projected (6 components) features of the non-outlier customers, as k-means sees them. */
    static double[][] pcaScores(int lines) {
        double[][] x = features(lines);
        IsolationForest forest = IsolationForest.fit(x, 100, 256, SEED, THREADS);
        double[] score = forest.scoreAll(x, THREADS);
        double threshold = IsolationForest.threshold(score, 0.05);
        int kept = 0;
        double[][] inliers = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (score[i] <= threshold) {
                inliers[kept++] = x[i];
            }
        }
        inliers = java.util.Arrays.copyOf(inliers, kept);
        boolean[] standardize = new boolean[Feature.COUNT];
        for (Feature f : Feature.values()) {
            standardize[f.ordinal()] = f.standardized();
        }
        double[][] scaled = StandardScaler.fit(inliers, standardize).transform(inliers);
        return Pca.fit(scaled, 6).transform(scaled);
    }
}
