package io.retailseg.model;

import io.retailseg.domain.Feature;
import io.retailseg.ml.Pca;
import io.retailseg.ml.StandardScaler;

/**
 * The customer features' way into the space the segments live in: the StandardScaler (every feature
 * but those {@link Feature#standardized()} says pass through) then the PCA. The one place the two are
 * chained, and the one place the number of components is bounded (by the configuration, the number
 * of features and the number of rows).
 */
public final class Projection {
    private final StandardScaler scaler;
    private final Pca pca;

    private Projection(StandardScaler scaler, Pca pca) {
        this.scaler = scaler;
        this.pca = pca;
    }

    /**
     * Fits the scaler on {@code features} (rows of {@link Feature#COUNT} unscaled features) and the PCA on
     * the scaled rows, keeping {@code min(components, Feature.COUNT, rows)} components.
     */
    public static Projection fit(double[][] features, int components) {
        boolean[] standardize = new boolean[Feature.COUNT];
        for (Feature f : Feature.values()) {
            standardize[f.ordinal()] = f.standardized();
        }
        StandardScaler scaler = StandardScaler.fit(features, standardize);
        int kept = Math.min(components, Math.min(Feature.COUNT, features.length));
        return new Projection(scaler, Pca.fit(scaler.transform(features), kept));
    }

    /** A fitted scaler and PCA over the {@link Feature#COUNT} features. */
    public static Projection of(StandardScaler scaler, Pca pca) {
        if (scaler.means().length != Feature.COUNT || pca.mean().length != Feature.COUNT) {
            throw new IllegalArgumentException("expected a scaler and a PCA over " + Feature.COUNT + " features, found "
                    + scaler.means().length + " and " + pca.mean().length);
        }
        return new Projection(scaler, pca);
    }

    /** The principal-component scores of one customer's unscaled features. */
    public double[] project(double[] features) {
        return pca.transform(scaler.transform(features));
    }

    /** The scores of many customers, row by row. */
    public double[][] projectAll(double[][] features) {
        return pca.transform(scaler.transform(features));
    }

    /** Principal-component scores mapped back to unscaled features (their projection on the kept components). */
    public double[] toFeatures(double[] scores) {
        double[] x = pca.mean();
        double[][] components = pca.components();
        for (int c = 0; c < scores.length; c++) {
            for (int j = 0; j < x.length; j++) {
                x[j] += scores[c] * components[c][j];
            }
        }
        double[] means = scaler.means();
        double[] scales = scaler.scales();
        for (int j = 0; j < x.length; j++) {
            x[j] = means[j] + scales[j] * x[j];
        }
        return x;
    }

    /** Unscaled features standardized with this projection's scaler (PCA not applied). */
    public double[] standardize(double[] features) {
        return scaler.transform(features);
    }

    /** Number of principal components. */
    public int components() {
        return pca.size();
    }

    public StandardScaler scaler() {
        return scaler;
    }

    public Pca pca() {
        return pca;
    }
}
