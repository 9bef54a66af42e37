package io.retailseg.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Hungarian method against brute force over every assignment of small random matrices. */
class AssignmentTest {
    @Test
    void handExample() {
        // Rows take columns 1, 0, 2: 1 + 2 + 2 = 5 is the minimum (the diagonal costs 4 + 4 + 2 = 10).
        double[][] cost = {{4, 1, 3}, {2, 4, 5}, {3, 2, 2}};
        assertThat(Assignment.minimumCost(cost)).containsExactly(1, 0, 2);
    }

    @Test
    void squareMatricesMatchBruteForce() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(6);
            double[][] cost = random(rng, n, n, trial % 3 == 0);
            int[] assigned = Assignment.minimumCost(cost);
            assertThat(distinctAssigned(assigned, n)).isEqualTo(n);
            assertThat(total(cost, assigned)).isCloseTo(bruteForce(cost), within(1e-9));
        }
    }

    @Test
    void rectangularMatricesAssignTheSmallerSideFully() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rng.nextInt(5);
            int cols = 1 + rng.nextInt(5);
            double[][] cost = random(rng, rows, cols, false);
            int[] assigned = Assignment.minimumCost(cost);
            assertThat(distinctAssigned(assigned, cols)).isEqualTo(Math.min(rows, cols));
            assertThat(total(cost, assigned)).isCloseTo(bruteForce(cost), within(1e-9));
        }
    }

    private static double[][] random(SplittableRandom rng, int rows, int cols, boolean integerTies) {
        double[][] c = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[i][j] = integerTies ? rng.nextInt(4) : rng.nextDouble() * 10 - 3;
            }
        }
        return c;
    }

    private static int distinctAssigned(int[] assigned, int cols) {
        boolean[] used = new boolean[cols];
        int n = 0;
        for (int j : assigned) {
            if (j >= 0) {
                assertThat(used[j]).as("column " + j + " assigned twice").isFalse();
                used[j] = true;
                n++;
            }
        }
        return n;
    }

    private static double total(double[][] cost, int[] assigned) {
        double t = 0;
        for (int i = 0; i < assigned.length; i++) {
            if (assigned[i] >= 0) {
                t += cost[i][assigned[i]];
            }
        }
        return t;
    }

    /** Minimum over every injective map of the smaller side into the larger. */
    private static double bruteForce(double[][] cost) {
        int rows = cost.length;
        int cols = cost[0].length;
        if (rows > cols) {
            double[][] t = new double[cols][rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j][i] = cost[i][j];
                }
            }
            return bruteForce(t);
        }
        return best(cost, 0, new boolean[cols]);
    }

    private static double best(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + best(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
