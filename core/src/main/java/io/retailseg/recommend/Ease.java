package io.retailseg.recommend;

import io.retailseg.config.OfferMode;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE, the item-item linear model of Steck ("Embarrassingly Shallow Autoencoders for Sparse Data",
 * WWW 2019), in closed form: with X the customer x product binary matrix of the training {@link Basket}s
 * and P = (X<sup>T</sup>X + lambda I)<sup>-1</sup>, the weights are B = I - P diag(1 / diag(P)), i.e.
 * B<sub>ij</sub> = -P<sub>ij</sub> / P<sub>jj</sub> off the diagonal and 0 on it; a customer's scores are
 * x<sub>u</sub> B, the sum of the rows of B of the customer's products.
 *
 * <p>X<sub>ui</sub> = 1 when the customer has any line of product i, cancellation lines included: the
 * same "bought" as {@link Basket#has} (and as {@code co_purchase}), so a product a customer
 * only cancelled counts as known, and is never proposed in {@link OfferMode#NEW_ONLY}.
 *
 * <p>The inverse is taken through the Cholesky factorisation of the symmetric positive definite
 * X<sup>T</sup>X + lambda I (EJML's concurrent block Cholesky, which gives the same bits with any number
 * of threads, so the weights do not depend on the thread count). Memory: two dense p x p {@code double} matrices for p products (the Gram matrix, then its
 * inverse, which becomes B in place): 185 MB for the ~3,400 products of the UCI file; time grows as p^3
 * (about 10 s for the 3,282 products before 2011-07-01, on one core). Above {@link #MAX_PRODUCTS} products
 * this class refuses with an {@link IllegalArgumentException} rather than allocate 6.4 GB or more;
 * {@link RecommenderFit} already switches to the sparse local form ({@link ItemSimilarity#localEase}) above
 * {@link RecommenderFit#EASE_DENSE_MAX_PRODUCTS}.
 */
public final class Ease {
    /** Largest catalogue EASE accepts: 2 x 20,000^2 doubles = 6.4 GB. */
    public static final int MAX_PRODUCTS = 20_000;
    /**
     * Default lambda, chosen by a sweep on a split inside the training period of the UCI file (train
     * before 2011-07-01, validate on 2011-07-01..2011-08-31, hit rate@10 in NEW_ONLY; docs/evaluation.md).
     */
    public static final double DEFAULT_LAMBDA = 500;

    private Ease() {
    }

    /**
     * The weight matrix B, row-major p x p.
     *
     * @param rows per customer, the sorted distinct product indices (0..p-1) of X's row
     * @param p number of products
     * @param lambda the L2 regularisation, positive
     */
    public static double[][] weights(int[][] rows, int p, double lambda) {
        DMatrixRMaj b = weightMatrix(rows, p, lambda);
        double[][] out = new double[p][];
        for (int i = 0; i < p; i++) {
            out[i] = Arrays.copyOfRange(b.data, i * p, (i + 1) * p);
        }
        return out;
    }

    static DMatrixRMaj weightMatrix(int[][] rows, int p, double lambda) {
        return weightMatrix(rows, p, lambda, 1);
    }

    /**
     * The Cholesky inverse runs on EJML's concurrent block solver with up to {@code threads} threads, whose
     * result does not depend on the thread count (each block is computed by one thread in the same order;
     * checked on a random 3,400-product Gram matrix with 1 and 2 threads, and by {@code EaseTest}). EJML's
     * one-thread factory is not used: below its block size it picks another algorithm, whose last bits
     * differ. EJML's thread limit is global; it only changes the speed, never the weights.
     */
    static DMatrixRMaj weightMatrix(int[][] rows, int p, double lambda, int threads) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("EASE lambda must be positive, was " + lambda);
        }
        if (p > MAX_PRODUCTS) {
            throw new IllegalArgumentException("EASE holds two dense products x products matrices and accepts at most "
                    + MAX_PRODUCTS + " products; this catalogue has " + p);
        }
        DMatrixRMaj gram = new DMatrixRMaj(p, p);
        double[] g = gram.data;
        for (int[] row : rows) {
            for (int a : row) {
                int offset = a * p;
                for (int b : row) {
                    g[offset + b] += 1;
                }
            }
        }
        for (int i = 0; i < p; i++) {
            g[i * p + i] += lambda;
        }
        EjmlConcurrency.setMaxThreads(Math.max(1, threads));
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_MT_DDRM.symmPosDef(p);
        if (!solver.setA(gram)) {
            throw new IllegalStateException("X^T X + lambda I is not positive definite (lambda = " + lambda + ")");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(p, p);
        solver.invert(inverse);
        double[] w = inverse.data;
        double[] diagonal = new double[p];
        for (int j = 0; j < p; j++) {
            diagonal[j] = w[j * p + j];
        }
        for (int i = 0; i < p; i++) {
            int offset = i * p;
            for (int j = 0; j < p; j++) {
                w[offset + j] = i == j ? 0 : -w[offset + j] / diagonal[j];
            }
        }
        return inverse;
    }
}
