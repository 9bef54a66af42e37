package io.retailseg.evaluate;

import java.util.Arrays;

/**
 * Minimum-cost assignment (the Hungarian method: H. W. Kuhn, "The Hungarian method for the
 * assignment problem", Naval Research Logistics Quarterly 2, 1955; J. Munkres, "Algorithms for the
 * assignment and transportation problems", J. SIAM 5(1), 1957), in the O(n^2 m) shortest
 * augmenting path form with row and column potentials. Neither Commons Math nor EJML has it, so it
 * is written here and tested against brute force.
 */
public final class Assignment {
    private Assignment() {
    }

    /**
     * For a rows x columns cost matrix, the column assigned to each row (-1 when there are more rows
     * than columns and the row is left unassigned) so that the total cost over the min(rows, columns)
     * assigned pairs is minimal.
     *
     * @throws IllegalArgumentException when the matrix is ragged or holds a value that is not finite
     */
    public static int[] minimumCost(double[][] cost) {
        int rows = cost.length;
        if (rows == 0) {
            return new int[0];
        }
        int cols = cost[0].length;
        for (double[] row : cost) {
            if (row.length != cols) {
                throw new IllegalArgumentException("Assignment.minimumCost: ragged cost matrix");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Assignment.minimumCost: costs must be finite, found " + v);
                }
            }
        }
        if (rows > cols) {
            double[][] transposed = new double[cols][rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    transposed[j][i] = cost[i][j];
                }
            }
            int[] columnOfRow = new int[rows];
            Arrays.fill(columnOfRow, -1);
            int[] rowOfColumn = solve(transposed);
            for (int j = 0; j < cols; j++) {
                columnOfRow[rowOfColumn[j]] = j;
            }
            return columnOfRow;
        }
        return solve(cost);
    }

    /** Rows <= columns: every row gets a distinct column. Arrays are 1-based inside, as in the textbook form. */
    private static int[] solve(double[][] a) {
        int n = a.length;
        int m = a[0].length;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1]; // p[j]: row (1-based) matched to column j; p[0] = row being inserted
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] columnOfRow = new int[n];
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                columnOfRow[p[j] - 1] = j - 1;
            }
        }
        return columnOfRow;
    }
}
