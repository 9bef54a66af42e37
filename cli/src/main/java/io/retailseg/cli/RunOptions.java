package io.retailseg.cli;

import io.retailseg.config.Compat;
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

    @Option(names = "--threads", description = "Worker threads (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    RunConfig config() {
        RunConfig.Builder b = RunConfig.builder().seed(seed).compat(compat).kRange(kMin, kMax);
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
