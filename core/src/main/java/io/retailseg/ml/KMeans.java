package io.retailseg.ml;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means clustering by Lloyd's algorithm with greedy k-means++ seeding, as scikit-learn's
 * {@code KMeans(algorithm="lloyd")}. References: Lloyd, "Least squares quantization in PCM", IEEE
 * Trans. Inf. Theory 28(2), 1982; Arthur &amp; Vassilvitskii, "k-means++: The Advantages of Careful
 * Seeding", SODA 2007; scikit-learn 1.2, {@code sklearn.cluster.KMeans} and
 * {@code _kmeans_plusplus}.
 *
 * <ul>
 *   <li>Seeding: the first centre is a uniformly drawn row; every next centre is the best of
 *       {@code 2 + floor(ln k)} candidates drawn with probability proportional to the squared
 *       distance to the nearest centre so far, "best" meaning the lowest resulting potential.</li>
 *   <li>Lloyd iterations, at most {@code maxIterations}; a run stops when the labels no longer change
 *       or when the summed squared centre shift is at most {@code tolerance} times the mean of the
 *       per-column (population) variances of {@code x}. If it stopped for any reason other than
 *       unchanged labels, a final assignment step makes the labels those of the final centres.</li>
 *   <li>An empty cluster is re-seeded with the row farthest from its current centre (the next
 *       farthest for the next empty cluster; ties: the lower row), as scikit-learn does.</li>
 *   <li>{@code restarts} independent runs; the lowest inertia wins, ties going to the earlier run.</li>
 * </ul>
 *
 * <p>Determinism: each restart gets its own {@link SplittableRandom} split from {@code seed} before
 * any work is handed to threads; parallel work (restarts, or rows of the assignment step) writes one
 * slot per restart or row and every sum is taken in row order on one thread, so the result is
 * bit-identical for any number of threads.
 */
public final class KMeans {
    private KMeans() {
    }

    /**
     * Clusters the rows of {@code x} into {@code k} clusters.
     *
     * @param tolerance relative tolerance on the centre shift (scikit-learn's {@code tol}, default 1e-4)
     * @throws IllegalArgumentException when k is not in 1..rows, or another argument is out of range
     */
    public static KMeansResult fit(double[][] x, int k, int restarts, int maxIterations, double tolerance,
                                   long seed, int threads) {
        int d = Matrices.columns(x, "KMeans.fit");
        int n = x.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("KMeans.fit: k must be between 1 and the number of rows ("
                    + n + "), found " + k);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("KMeans.fit: restarts must be at least 1, found " + restarts);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("KMeans.fit: maxIterations must be at least 1, found " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("KMeans.fit: tolerance must be finite and >= 0, found " + tolerance);
        }
        double absoluteTolerance = tolerance * meanColumnVariance(x, d);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] generators = new SplittableRandom[restarts];
        for (int r = 0; r < restarts; r++) {
            generators[r] = root.split();
        }
        List<KMeansResult> runs;
        try (Parallel pool = Parallel.of(threads)) {
            if (restarts >= threads) {
                // Enough restarts to keep every thread busy: one restart per task, rows inline.
                runs = pool.map(restarts, r -> singleRun(x, k, maxIterations, absoluteTolerance, generators[r],
                        Parallel.inline()));
            } else {
                // Few restarts: run them one after another, each with a row-parallel assignment step.
                runs = new java.util.ArrayList<>(restarts);
                for (int r = 0; r < restarts; r++) {
                    runs.add(singleRun(x, k, maxIterations, absoluteTolerance, generators[r], pool));
                }
            }
        }
        KMeansResult best = runs.get(0);
        for (int r = 1; r < restarts; r++) {
            if (runs.get(r).inertia() < best.inertia()) {
                best = runs.get(r);
            }
        }
        return best;
    }

    /** Index of the centroid nearest to {@code point} (squared Euclidean distance; ties: lowest index). */
    public static int nearest(double[][] centroids, double[] point) {
        if (centroids.length == 0) {
            throw new IllegalArgumentException("KMeans.nearest: expected at least one centroid, found none");
        }
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            Matrices.checkLength(point, centroids[c].length, "KMeans.nearest");
            double distance = Matrices.squaredDistance(point, centroids[c]);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    static double meanColumnVariance(double[][] x, int d) {
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += Matrices.columnVariance(x, j, Matrices.columnMean(x, j));
        }
        return total / d;
    }

    private static KMeansResult singleRun(double[][] x, int k, int maxIterations, double tolerance,
                                          SplittableRandom random, Parallel pool) {
        int n = x.length;
        int d = x[0].length;
        double[][] centres = seedPlusPlus(x, k, random);
        double[][] updated = new double[k][d];
        int[] labels = new int[n];
        int[] previous = new int[n];
        Arrays.fill(previous, -1);
        double[] distances = new double[n];
        Bounds bounds = new Bounds(n, k);
        boolean strictConvergence = false;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            assign(x, centres, labels, distances, bounds, pool);
            update(x, centres, labels, distances, updated);
            double shift = 0;
            for (int c = 0; c < k; c++) {
                double moved = Matrices.squaredDistance(centres[c], updated[c]);
                shift += moved;
                bounds.move[c] = Math.sqrt(moved);
            }
            double[][] swap = centres;
            centres = updated;
            updated = swap;
            if (Arrays.equals(labels, previous)) {
                strictConvergence = true;
                break;
            }
            if (shift <= tolerance) {
                break;
            }
            System.arraycopy(labels, 0, previous, 0, n);
        }
        if (!strictConvergence) {
            assign(x, centres, labels, distances, bounds, pool);
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += Matrices.squaredDistance(x[i], centres[labels[i]]);
        }
        return new KMeansResult(centres, labels, inertia, iteration);
    }

    /** Greedy k-means++ (scikit-learn's {@code _kmeans_plusplus}); returns new centre arrays. */
    static double[][] seedPlusPlus(double[][] x, int k, SplittableRandom random) {
        int n = x.length;
        int trials = 2 + (int) Math.floor(Math.log(k));
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = Matrices.squaredDistance(x[i], centres[0]);
            potential += closest[i];
        }
        double[] cumulative = new double[n];
        double[] candidateClosest = new double[n];
        double[] bestClosest = new double[n];
        for (int c = 1; c < k; c++) {
            double running = 0;
            for (int i = 0; i < n; i++) {
                running += closest[i];
                cumulative[i] = running;
            }
            double[] draws = new double[trials];
            for (int t = 0; t < trials; t++) {
                draws[t] = random.nextDouble() * potential;
            }
            int bestCandidate = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int candidate = Math.min(searchLeft(cumulative, draws[t]), n - 1);
                double candidatePotential = 0;
                for (int i = 0; i < n; i++) {
                    candidateClosest[i] = Math.min(closest[i], Matrices.squaredDistance(x[i], x[candidate]));
                    candidatePotential += candidateClosest[i];
                }
                if (candidatePotential < bestPotential) {
                    bestPotential = candidatePotential;
                    bestCandidate = candidate;
                    System.arraycopy(candidateClosest, 0, bestClosest, 0, n);
                }
            }
            centres[c] = x[bestCandidate].clone();
            potential = bestPotential;
            System.arraycopy(bestClosest, 0, closest, 0, n);
        }
        return centres;
    }

    /** First index i with {@code sorted[i] >= value} (numpy's {@code searchsorted}, side left); n if none. */
    private static int searchLeft(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010): per row an upper bound
     * on the distance to its centre and a lower bound on the distance to every other centre, moved
     * by how far the centres moved. A row whose exact distance to its centre is below the lower bound
     * keeps its centre without computing the other k - 1 distances. The labels and distances are
     * those of the full assignment, bit for bit: a row is only skipped when its centre is strictly the
     * nearest (with a relative margin of {@value #BOUND_MARGIN} for rounding in the bounds), and the
     * distance it keeps is computed exactly.
     */
    private static final class Bounds {
        final double[] lower;
        final double[] move;
        boolean valid;

        Bounds(int n, int k) {
            lower = new double[n];
            move = new double[k];
        }
    }

    private static final double BOUND_MARGIN = 1e-9;

    /** Assignment step: nearest centre and squared distance to it for every row, one slot per row. */
    private static void assign(double[][] x, double[][] centres, int[] labels, double[] distances, Bounds bounds,
                               Parallel pool) {
        boolean bounded = bounds.valid;
        double maxMove = 0;
        for (double m : bounds.move) {
            maxMove = Math.max(maxMove, m);
        }
        double drop = maxMove;
        pool.forRange(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (bounded) {
                    double lower = bounds.lower[i] - drop;
                    double own = Matrices.squaredDistance(x[i], centres[labels[i]]);
                    if (Math.sqrt(own) * (1 + BOUND_MARGIN) < lower) {
                        bounds.lower[i] = lower;
                        distances[i] = own;
                        continue;
                    }
                }
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                double second = Double.POSITIVE_INFINITY;
                for (int c = 0; c < centres.length; c++) {
                    double distance = Matrices.squaredDistance(x[i], centres[c]);
                    if (distance < bestDistance) {
                        second = bestDistance;
                        bestDistance = distance;
                        best = c;
                    } else if (distance < second) {
                        second = distance;
                    }
                }
                labels[i] = best;
                distances[i] = bestDistance;
                bounds.lower[i] = Math.sqrt(second);
            }
        });
        bounds.valid = true;
    }

    /**
     * Update step into {@code updated}: cluster means, with empty clusters re-seeded by the rows
     * farthest from their centre (scikit-learn's {@code _relocate_empty_clusters_dense}). Labels are
     * left as assigned.
     */
    private static void update(double[][] x, double[][] centres, int[] labels, double[] distances,
                               double[][] updated) {
        int k = centres.length;
        int d = x[0].length;
        double[] counts = new double[k];
        for (double[] row : updated) {
            Arrays.fill(row, 0.0);
        }
        for (int i = 0; i < x.length; i++) {
            double[] sum = updated[labels[i]];
            double[] row = x[i];
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
            }
            counts[labels[i]]++;
        }
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                empty++;
            }
        }
        if (empty > 0) {
            int[] farthest = farthestRows(distances, empty);
            int next = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] != 0) {
                    continue;
                }
                int row = farthest[next++];
                int old = labels[row];
                for (int j = 0; j < d; j++) {
                    updated[old][j] -= x[row][j];
                }
                counts[old]--;
                System.arraycopy(x[row], 0, updated[c], 0, d);
                counts[c] = 1;
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                double[] sum = updated[c];
                for (int j = 0; j < d; j++) {
                    sum[j] /= counts[c];
                }
            }
        }
    }

    /** The {@code count} rows with the largest distances, largest first (ties: lower row first). */
    private static int[] farthestRows(double[] distances, int count) {
        int[] rows = new int[count];
        boolean[] taken = new boolean[distances.length];
        for (int r = 0; r < count; r++) {
            int best = -1;
            for (int i = 0; i < distances.length; i++) {
                if (!taken[i] && (best < 0 || distances[i] > distances[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            rows[r] = best;
        }
        return rows;
    }
}
