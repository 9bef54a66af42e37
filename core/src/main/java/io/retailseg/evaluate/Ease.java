package io.retailseg.evaluate;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE, the item-item linear model of Steck ("Embarrassingly Shallow Autoencoders for Sparse Data",
 * WWW 2019), in closed form: with X the customer x product binary matrix of a {@link PurchaseHistory}
 * and P = (X<sup>T</sup>X + lambda I)<sup>-1</sup>, the weights are B = I - P diag(1 / diag(P)), i.e.
 * B<sub>ij</sub> = -P<sub>ij</sub> / P<sub>jj</sub> off the diagonal and 0 on it; a customer's scores are
 * x<sub>u</sub> B, the sum of the rows of B of the customer's products.
 *
 * <p>X<sub>ui</sub> = 1 when the customer has any line of product i, cancellation lines included: the
 * same "bought" as {@link PurchaseHistory#bought} (and as {@code co_purchase}), so a product a customer
 * only cancelled counts as known, and is never proposed in {@link Recommender.Mode#NEW_ONLY}.
 *
 * <p>The inverse is taken through the Cholesky factorisation of the symmetric positive definite
 * X<sup>T</sup>X + lambda I (EJML's block Cholesky, one thread, so the weights do not depend on the thread
 * count). Memory: two dense p x p {@code double} matrices for p products (the Gram matrix, then its
 * inverse, which becomes B in place): 185 MB for the ~3,400 products of the UCI file; time grows as p^3
 * (about 10 s for the 3,282 products before 2011-07-01, on one core). Above {@link #MAX_PRODUCTS} products
 * the recommender refuses with an {@link IllegalArgumentException} rather than allocate 6.4 GB or more: a
 * catalogue that large needs a sparse approximation, which this class does not attempt.
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
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(p);
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

    /**
     * EASE over the history: every catalogue product ranked by x<sub>u</sub> B (no threshold: a list is
     * always as long as the catalogue allows), equal scores by stock code text (scores that are equal in
     * exact arithmetic may differ in the last bit after the inverse, and then the rounding decides). Not
     * thread-safe: the last customer's scores are kept for the next call.
     *
     * @param codeRank sort rank of every stock code's text
     * @throws IllegalArgumentException above {@link #MAX_PRODUCTS} products
     */
    public static Recommender recommender(PurchaseHistory history, int[] codeRank, double lambda) {
        int[] catalogue = history.catalogue();
        int p = catalogue.length;
        int[] index = catalogueIndex(history, codeRank.length);
        int[][] rows = rows(history, index);
        double[] b = weightMatrix(rows, p, lambda).data;
        return new Recommender() {
            private int cachedCustomer = -1;
            private final double[] score = new double[p];

            @Override
            public String name() {
                return "ease";
            }

            @Override
            public String description() {
                return "EASE item-item linear model (Steck 2019), lambda = " + lambda;
            }

            @Override
            public int[] recommend(int customer, int n, Mode mode) {
                if (customer != cachedCustomer) {
                    Arrays.fill(score, 0);
                    for (int i : rows[customer]) {
                        int offset = i * p;
                        for (int j = 0; j < p; j++) {
                            score[j] += b[offset + j];
                        }
                    }
                    cachedCustomer = customer;
                }
                Recommenders.TopN top = new Recommenders.TopN(n, codeRank);
                for (int j = 0; j < p; j++) {
                    if (mode == Mode.ANY || !history.bought(customer, catalogue[j])) {
                        top.offer(catalogue[j], score[j]);
                    }
                }
                return top.codes();
            }
        };
    }

    /** Position in the catalogue of every stock code, -1 for codes not in it. */
    static int[] catalogueIndex(PurchaseHistory history, int codes) {
        int[] index = new int[codes];
        Arrays.fill(index, -1);
        int[] catalogue = history.catalogue();
        for (int i = 0; i < catalogue.length; i++) {
            index[catalogue[i]] = i;
        }
        return index;
    }

    /** Per customer, the catalogue positions of {@link PurchaseHistory#codes} (ascending, as the codes are). */
    static int[][] rows(PurchaseHistory history, int[] index) {
        int[][] rows = new int[history.size()][];
        for (int c = 0; c < history.size(); c++) {
            int[] codes = history.codes(c);
            rows[c] = new int[codes.length];
            for (int k = 0; k < codes.length; k++) {
                rows[c][k] = index[codes[k]];
            }
        }
        return rows;
    }
}
