package io.retailseg.ml;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal component analysis by singular value decomposition of the column-centred data, as
 * scikit-learn's {@code PCA} (full solver). References: Jolliffe, <i>Principal Component
 * Analysis</i>, 2nd ed., 2002, ch. 1-3; scikit-learn 1.2, {@code sklearn.decomposition.PCA}.
 *
 * <p>For centred data {@code X = U S V^T} the principal axes are the rows of {@code V^T}, ordered by
 * decreasing singular value, and the variance along axis {@code i} is {@code s_i^2 / (n - 1)}.
 * Signs are made deterministic: each axis is flipped so that its largest-magnitude loading (the
 * first one on ties) is positive. (scikit-learn flips by the left singular vectors instead, so its
 * signs can differ; compare up to this rule.)
 *
 * <p>Immutable; arrays crossing the API are copied.
 */
public final class Pca {
    private final double[] mean;
    private final double[][] components;
    private final double[] explainedVariance;
    private final double[] explainedVarianceRatio;
    private final double[] allExplainedVarianceRatio;

    private Pca(double[] mean, double[][] components, double[] explainedVariance,
                double[] explainedVarianceRatio, double[] allExplainedVarianceRatio) {
        this.mean = mean;
        this.components = components;
        this.explainedVariance = explainedVariance;
        this.explainedVarianceRatio = explainedVarianceRatio;
        this.allExplainedVarianceRatio = allExplainedVarianceRatio;
    }

    /**
     * Fits the first {@code components} principal axes of {@code x} (rows = observations).
     *
     * @throws IllegalArgumentException when {@code components} is not in 1..d or x has fewer than 2 rows
     */
    public static Pca fit(double[][] x, int components) {
        int d = Matrices.columns(x, "Pca.fit");
        int n = x.length;
        if (components < 1 || components > d) {
            throw new IllegalArgumentException("Pca.fit: components must be between 1 and the number of columns ("
                    + d + "), found " + components);
        }
        if (n < 2) {
            throw new IllegalArgumentException("Pca.fit: expected at least 2 rows, found " + n);
        }
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.unsafe_set(i, j, x[i][j] - mean[j]);
            }
        }
        // Not compact: V is d x d even when n < d (the extra axes then carry zero variance).
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, false);
        if (!svd.decompose(centred)) {
            throw new IllegalStateException("Pca.fit: the singular value decomposition did not converge");
        }
        double[] singular = new double[d];
        System.arraycopy(svd.getSingularValues(), 0, singular, 0, svd.numberOfSingularValues());
        DMatrixRMaj v = svd.getV(null, false);

        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -singular[i]));

        double[] variance = new double[d];
        double total = 0;
        for (int c = 0; c < d; c++) {
            double s = singular[order[c]];
            variance[c] = s * s / (n - 1);
            total += variance[c];
        }
        double[] allRatio = new double[d];
        for (int c = 0; c < d; c++) {
            allRatio[c] = total > 0 ? variance[c] / total : 0.0;
        }
        double[][] axes = new double[components][d];
        for (int c = 0; c < components; c++) {
            int column = order[c];
            for (int j = 0; j < d; j++) {
                axes[c][j] = v.unsafe_get(j, column);
            }
            flipSign(axes[c]);
        }
        return new Pca(mean, axes, Arrays.copyOf(variance, components), Arrays.copyOf(allRatio, components),
                allRatio);
    }

    /**
     * Rebuilds a fitted PCA, e.g. from a model file. The explained variances themselves are not part
     * of a saved model; {@link #explainedVariance()} of the result is all NaN. Use
     * {@link #of(double[], double[][], double[], double[], double[])} to keep them.
     */
    public static Pca of(double[] mean, double[][] components, double[] explainedVarianceRatio,
                         double[] allExplainedVarianceRatio) {
        double[] unknown = new double[components.length];
        Arrays.fill(unknown, Double.NaN);
        return of(mean, components, unknown, explainedVarianceRatio, allExplainedVarianceRatio);
    }

    /** Rebuilds a fitted PCA including the explained variances of the kept components. */
    public static Pca of(double[] mean, double[][] components, double[] explainedVariance,
                         double[] explainedVarianceRatio, double[] allExplainedVarianceRatio) {
        int d = mean.length;
        if (components.length < 1 || components.length > d) {
            throw new IllegalArgumentException("Pca.of: expected 1.." + d + " components, found " + components.length);
        }
        for (int c = 0; c < components.length; c++) {
            Matrices.checkLength(components[c], d, "Pca.of: component " + c);
        }
        if (explainedVariance.length != components.length || explainedVarianceRatio.length != components.length) {
            throw new IllegalArgumentException("Pca.of: expected one explained variance and ratio per component ("
                    + components.length + "), found " + explainedVariance.length + " and "
                    + explainedVarianceRatio.length);
        }
        if (allExplainedVarianceRatio.length != d) {
            throw new IllegalArgumentException("Pca.of: expected " + d + " ratios for all components, found "
                    + allExplainedVarianceRatio.length);
        }
        return new Pca(mean.clone(), Matrices.copy(components), explainedVariance.clone(),
                explainedVarianceRatio.clone(), allExplainedVarianceRatio.clone());
    }

    /** Makes the largest-magnitude entry (the first on ties) positive. */
    private static void flipSign(double[] axis) {
        int largest = 0;
        for (int j = 1; j < axis.length; j++) {
            if (Math.abs(axis[j]) > Math.abs(axis[largest])) {
                largest = j;
            }
        }
        if (axis[largest] < 0) {
            for (int j = 0; j < axis.length; j++) {
                axis[j] = -axis[j];
            }
        }
    }

    /** Column means of the training data; a copy. */
    public double[] mean() {
        return mean.clone();
    }

    /** Principal axes, components x d, unit rows, by decreasing variance; a copy. */
    public double[][] components() {
        return Matrices.copy(components);
    }

    /** Variance along each kept axis (denominator n - 1, as scikit-learn); a copy. */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** Share of the total variance along each kept axis; a copy. */
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    /** Share of the total variance along each of all d axes (for a scree plot); a copy. */
    public double[] allExplainedVarianceRatio() {
        return allExplainedVarianceRatio.clone();
    }

    /** Number of kept components. */
    public int size() {
        return components.length;
    }

    /** Projects every row on the kept axes: {@code (x - mean) V}. */
    public double[][] transform(double[][] x) {
        return Matrices.mapRows(x, this::transform);
    }

    /** Projects one row on the kept axes. */
    public double[] transform(double[] row) {
        Matrices.checkLength(row, mean.length, "Pca.transform");
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double sum = 0;
            double[] axis = components[c];
            for (int j = 0; j < mean.length; j++) {
                sum += (row[j] - mean[j]) * axis[j];
            }
            out[c] = sum;
        }
        return out;
    }
}
