package io.retailseg.recommend;

import io.retailseg.Interleaved;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Matrix factorisation for implicit feedback by alternating least squares (Hu, Koren and Volinsky,
 * "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008).
 *
 * <p>Preference p<sub>ui</sub> = 1 when the customer has any line of product i (cancellation lines
 * included: {@link Basket#has}'s meaning), 0 otherwise; confidence c<sub>ui</sub> = 1 + alpha
 * r<sub>ui</sub> with r<sub>ui</sub> the number of the customer's lines of the product
 * ({@link Basket#lines}, 0 when none). The model minimises
 * sum c<sub>ui</sub> (p<sub>ui</sub> - x<sub>u</sub><sup>T</sup>y<sub>i</sub>)<sup>2</sup> + lambda
 * (sum |x<sub>u</sub>|<sup>2</sup> + sum |y<sub>i</sub>|<sup>2</sup>). Starting from seeded item factors
 * Y<sub>0</sub> (uniform in [-0.05, 0.05)), each iteration solves every customer's normal equations
 * exactly, then every product's: x<sub>u</sub> = (Y<sup>T</sup>Y + Y<sup>T</sup>(C<sup>u</sup> - I)Y +
 * lambda I)<sup>-1</sup> Y<sup>T</sup>C<sup>u</sup>p(u), with Y<sup>T</sup>Y computed once per half-step
 * and only the customer's own products added (the paper's section 4 trick), by EJML's Cholesky solver.
 * A customer's scores are x<sub>u</sub><sup>T</sup>y<sub>i</sub>.
 *
 * <p>Deterministic for any thread count: each solve writes only its own row and reads the factors of
 * the previous half-step, and Y<sup>T</sup>Y is summed on the calling thread in a fixed order.
 *
 * <p>Why not a library: the maintained, permissively licensed implicit-ALS implementations for the JVM
 * live inside distributed engines (Apache Spark MLlib's {@code ALS} with {@code implicitPrefs}, hundreds
 * of MB of dependencies and a Spark session); Apache Mahout's Taste recommenders and Cloudera's Oryx 2 are
 * retired or unmaintained, and LibRec is GPL. The algorithm is a few dozen lines over EJML, which the
 * project already uses.
 */
public final class ImplicitAls {
    /**
     * @param factors latent dimensions
     * @param lambda L2 regularisation of both factor matrices
     * @param alpha confidence slope
     * @param iterations alternating iterations (a customer step then a product step each)
     */
    public record Settings(int factors, double lambda, double alpha, int iterations) {
        public Settings {
            if (factors < 1 || iterations < 0 || !(lambda > 0) || !(alpha >= 0)) {
                throw new IllegalArgumentException("bad ALS settings: factors " + factors + ", lambda " + lambda
                        + ", alpha " + alpha + ", iterations " + iterations);
            }
        }
    }

    /**
     * Defaults, chosen by a sweep on a split inside the training period of the UCI file (docs/evaluation.md).
     */
    public static final Settings DEFAULTS = new Settings(32, 10, 1, 10);

    /** Customer factors (rows of X) and product factors (rows of Y). */
    public record Factors(double[][] users, double[][] items) {
    }

    private ImplicitAls() {
    }

    /** Seeded starting product factors: uniform in [-0.05, 0.05), row by row. */
    public static double[][] initialItems(int items, int factors, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] y = new double[items][factors];
        for (double[] row : y) {
            for (int f = 0; f < factors; f++) {
                row[f] = (rng.nextDouble() - 0.5) * 0.1;
            }
        }
        return y;
    }

    /**
     * Runs the iterations from {@code initialItems} (not modified).
     *
     * @param rows per customer, the distinct product indices with p<sub>ui</sub> = 1
     * @param counts r<sub>ui</sub> for each entry of {@code rows}
     */
    public static Factors fit(int[][] rows, int[][] counts, double[][] initialItems, Settings s, int threads) {
        int users = rows.length;
        int items = initialItems.length;
        // The transpose: per product, its customers and their counts, customers ascending.
        int[] degree = new int[items];
        for (int[] row : rows) {
            for (int i : row) {
                degree[i]++;
            }
        }
        int[][] itemRows = new int[items][];
        int[][] itemCounts = new int[items][];
        for (int i = 0; i < items; i++) {
            itemRows[i] = new int[degree[i]];
            itemCounts[i] = new int[degree[i]];
        }
        int[] fill = new int[items];
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < rows[u].length; k++) {
                int i = rows[u][k];
                itemRows[i][fill[i]] = u;
                itemCounts[i][fill[i]++] = counts[u][k];
            }
        }
        double[][] y = new double[items][];
        for (int i = 0; i < items; i++) {
            y[i] = initialItems[i].clone();
        }
        double[][] x = new double[users][s.factors()];
        for (int it = 0; it < s.iterations(); it++) {
            solveAll(x, rows, counts, y, s, threads);
            solveAll(y, itemRows, itemCounts, x, s, threads);
        }
        return new Factors(x, y);
    }

    /** Solves every row of {@code target} against the fixed {@code other} factors. */
    private static void solveAll(double[][] target, int[][] rows, int[][] counts, double[][] other, Settings s,
                                 int threads) {
        double[] gram = gram(other, s.factors());
        Interleaved.forEach(target.length, threads, () -> new RowSolver(s),
                (solver, u) -> solver.solve(gram, rows[u], counts[u], other, target[u]));
    }

    /** Y<sup>T</sup>Y of factors with {@code f} columns, row-major f x f, summed row by row. */
    static double[] gram(double[][] factors, int f) {
        double[] gram = new double[f * f];
        for (double[] v : factors) {
            for (int a = 0; a < f; a++) {
                double va = v[a];
                for (int b = 0; b < f; b++) {
                    gram[a * f + b] += va * v[b];
                }
            }
        }
        return gram;
    }

    /**
     * One row's normal equations against fixed factors, x = (Y<sup>T</sup>Y + Y<sup>T</sup>(C - I)Y + lambda
     * I)<sup>-1</sup> Y<sup>T</sup>C p, with c = 1 + alpha x count for each product of the row: the step of
     * every customer and product in a fit, and a new customer's fold-in. Holds one thread's scratch.
     */
    static final class RowSolver {
        private final Settings s;
        private final DMatrixRMaj a;
        private final DMatrixRMaj b;
        private final DMatrixRMaj solution;
        private final LinearSolverDense<DMatrixRMaj> solver;

        RowSolver(Settings s) {
            int f = s.factors();
            this.s = s;
            this.a = new DMatrixRMaj(f, f);
            this.b = new DMatrixRMaj(f, 1);
            this.solution = new DMatrixRMaj(f, 1);
            this.solver = LinearSolverFactory_DDRM.chol(f);
        }

        /**
         * @param gram Y<sup>T</sup>Y of {@code other}
         * @param row the indices (into {@code other}) with p = 1
         * @param counts the count of each of them
         * @param out receives x
         */
        void solve(double[] gram, int[] row, int[] counts, double[][] other, double[] out) {
            int f = s.factors();
            double[] m = a.data;
            System.arraycopy(gram, 0, m, 0, f * f);
            Arrays.fill(b.data, 0);
            for (int k = 0; k < row.length; k++) {
                double[] v = other[row[k]];
                double confidence = 1 + s.alpha() * counts[k];
                double extra = confidence - 1;
                for (int p = 0; p < f; p++) {
                    double w = extra * v[p];
                    for (int q = 0; q < f; q++) {
                        m[p * f + q] += w * v[q];
                    }
                    b.data[p] += confidence * v[p];
                }
            }
            for (int p = 0; p < f; p++) {
                m[p * f + p] += s.lambda();
            }
            if (!solver.setA(a)) {
                throw new IllegalStateException("ALS normal equations not positive definite");
            }
            solver.solve(b, solution);
            System.arraycopy(solution.data, 0, out, 0, f);
        }
    }
}
