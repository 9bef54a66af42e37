package io.retailseg.cli;

import io.retailseg.config.Compat;
import io.retailseg.config.RankBy;
import io.retailseg.config.RunConfig;
import picocli.CommandLine.Option;

/** The pipeline options shared by {@code run} and {@code demo}. */
final class RunOptions {
    @Option(names = "--k", paramLabel = "auto|N", defaultValue = "auto",
            description = "Number of segments, or 'auto' to choose it by silhouette over --k-min..--k-max (default: ${DEFAULT-VALUE}).")
    String k;

    @Option(names = "--k-min", defaultValue = "2", description = "Smallest k tried by --k auto (default: ${DEFAULT-VALUE}).")
    int kMin;

    @Option(names = "--k-max", defaultValue = "15", description = "Largest k tried by --k auto (default: ${DEFAULT-VALUE}).")
    int kMax;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--compat", defaultValue = "spec", paramLabel = "spec|notebook",
            description = "Feature definitions: 'spec' (corrected) or 'notebook' (the reference notebook's quirks) (default: ${DEFAULT-VALUE}).")
    Compat compat;

    @Option(names = "--contamination", defaultValue = "0.05",
            description = "Share of customers flagged as outliers by the Isolation Forest (default: ${DEFAULT-VALUE}).")
    double contamination;

    @Option(names = "--pca-components", defaultValue = "6",
            description = "Principal components kept for clustering (default: ${DEFAULT-VALUE}).")
    int pcaComponents;

    @Option(names = "--restarts", defaultValue = "10",
            description = "k-means restarts; the lowest inertia wins (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--top-products", defaultValue = "10",
            description = "Best sellers kept per segment (default: ${DEFAULT-VALUE}).")
    int topProducts;

    @Option(names = "--recommendations", defaultValue = "3",
            description = "Recommendations per customer (default: ${DEFAULT-VALUE}).")
    int recommendations;

    @Option(names = "--rank-by", defaultValue = "quantity", paramLabel = "quantity|buyers|revenue",
            description = "How segment best sellers are ranked: total quantity (the reference), distinct buyers or revenue (default: ${DEFAULT-VALUE}).")
    RankBy rankBy;

    @Option(names = "--threads", description = "Worker threads (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--silhouette-sample", defaultValue = "5000", paramLabel = "N",
            description = "Silhouette exact up to N segmented customers, above estimated on a seeded sample of N"
                    + " (standard error reported) (default: ${DEFAULT-VALUE}).")
    int silhouetteSample;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    RunConfig config() {
        RunConfig.Builder b = RunConfig.builder().seed(seed).compat(compat).kRange(kMin, kMax)
                .contamination(contamination).pcaComponents(pcaComponents).kmeansRestarts(restarts)
                .topProducts(topProducts).recommendationsPerCustomer(recommendations).rankBy(rankBy)
                .silhouetteSampleSize(silhouetteSample);
        if (threads != null) {
            b.threads(threads);
        }
        if (!"auto".equalsIgnoreCase(k.trim())) {
            try {
                b.k(Integer.parseInt(k.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--k: expected 'auto' or a whole number, found \"" + k + "\"");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
