package io.retailseg.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Isolation Forest anomaly scores, as scikit-learn's {@code IsolationForest}. References: Liu, Ting
 * &amp; Zhou, "Isolation Forest", ICDM 2008; scikit-learn 1.2, {@code sklearn.ensemble.IsolationForest}
 * (whose {@code -score_samples} is {@link #score}).
 *
 * <ul>
 *   <li>Each tree is grown on {@code min(maxSamples, n)} rows drawn without replacement, to a height
 *       limit of {@code ceil(log2(sampleSize))}.</li>
 *   <li>At a node, the split feature is drawn uniformly among the features that are not constant in
 *       the node (a node where all are constant is a leaf); the split value uniformly in
 *       {@code [min, max)} of that feature in the node. Rows with {@code value <= split} go left. As
 *       in scikit-learn, a feature counts as constant when {@code max <= min + 1e-7}.</li>
 *   <li>The score of a row is {@code 2^(-E[h(x)] / c(sampleSize))} with {@code h} the depth of the
 *       leaf it reaches plus {@code c(leafSize)}, and {@code c(n) = 2 H(n-1) - 2 (n-1) / n},
 *       {@code H(i) = ln i + γ}, {@code c(1) = 0}, {@code c(2) = 1}. Scores lie in (0, 1]; higher is
 *       more anomalous.</li>
 * </ul>
 *
 * <p>Determinism: every tree gets its own {@link SplittableRandom} split from the seed before any tree
 * is handed to a thread, so the forest is identical for any number of threads.
 *
 * <p>Immutable once built. The trees are plain records of arrays, so a JSON mapper can write the
 * forest as {@code sampleSize} plus {@code trees} and {@link #of} can rebuild it.
 */
public final class IsolationForest {
    /** Euler-Mascheroni constant, as numpy's {@code euler_gamma}. */
    static final double EULER_GAMMA = 0.5772156649015329;
    /** scikit-learn's {@code FEATURE_THRESHOLD}: a feature spanning no more than this is constant in a node. */
    static final double FEATURE_THRESHOLD = 1e-7;

    /**
     * One isolation tree as flat node arrays; node 0 is the root. For a leaf {@code feature} is -1,
     * {@code split} 0 and {@code left}/{@code right} -1. {@code size} is the number of training rows
     * that reached the node. Ownership of the arrays passes to the record; treat them as read-only.
     */
    public record Tree(int[] feature, double[] split, int[] left, int[] right, int[] size) {
        /** Checks that the arrays have one entry per node and that the child links point forward. */
        public Tree {
            int nodes = feature.length;
            if (nodes == 0 || split.length != nodes || left.length != nodes || right.length != nodes
                    || size.length != nodes) {
                throw new IllegalArgumentException("IsolationForest.Tree: node arrays must be non-empty and of"
                        + " equal length, found feature=" + feature.length + " split=" + split.length + " left="
                        + left.length + " right=" + right.length + " size=" + size.length);
            }
            for (int node = 0; node < nodes; node++) {
                if (feature[node] >= 0 && (left[node] <= node || left[node] >= nodes || right[node] <= node
                        || right[node] >= nodes)) {
                    throw new IllegalArgumentException("IsolationForest.Tree: node " + node
                            + " has children outside " + (node + 1) + ".." + (nodes - 1));
                }
            }
        }

        /** Number of nodes. */
        public int nodes() {
            return feature.length;
        }

        /** Path length of {@code row}: depth of its leaf plus {@code c(leaf size)}. */
        double pathLength(double[] row) {
            int node = 0;
            int depth = 0;
            while (feature[node] >= 0) {
                node = row[feature[node]] <= split[node] ? left[node] : right[node];
                depth++;
            }
            return depth + averagePathLength(size[node]);
        }
    }

    private final int sampleSize;
    private final List<Tree> trees;

    private IsolationForest(int sampleSize, List<Tree> trees) {
        this.sampleSize = sampleSize;
        this.trees = trees;
    }

    /**
     * Grows {@code trees} isolation trees on {@code x}.
     *
     * @param maxSamples rows per tree (scikit-learn's {@code max_samples}); fewer when x has fewer rows
     * @throws IllegalArgumentException when x has fewer than 2 rows or an argument is out of range
     */
    public static IsolationForest fit(double[][] x, int trees, int maxSamples, long seed, int threads) {
        int d = Matrices.columns(x, "IsolationForest.fit");
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("IsolationForest.fit: expected at least 2 rows, found " + n);
        }
        if (trees < 1) {
            throw new IllegalArgumentException("IsolationForest.fit: trees must be at least 1, found " + trees);
        }
        if (maxSamples < 2) {
            throw new IllegalArgumentException("IsolationForest.fit: maxSamples must be at least 2, found " + maxSamples);
        }
        int sampleSize = Math.min(maxSamples, n);
        // ceil(log2(sampleSize)) in integers: the floating-point log2 of a power of two may round up.
        int heightLimit = 32 - Integer.numberOfLeadingZeros(sampleSize - 1);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] generators = new SplittableRandom[trees];
        for (int t = 0; t < trees; t++) {
            generators[t] = root.split();
        }
        List<Tree> grown;
        try (Parallel pool = Parallel.of(threads)) {
            grown = pool.map(trees, t -> new TreeBuilder(x, d, heightLimit, generators[t]).grow(sampleSize));
        }
        return new IsolationForest(sampleSize, List.copyOf(grown));
    }

    /** Rebuilds a forest, e.g. from a model file. */
    public static IsolationForest of(int sampleSize, List<Tree> trees) {
        if (sampleSize < 2) {
            throw new IllegalArgumentException("IsolationForest.of: sampleSize must be at least 2, found " + sampleSize);
        }
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("IsolationForest.of: expected at least one tree, found none");
        }
        return new IsolationForest(sampleSize, List.copyOf(trees));
    }

    /** The trees, in growing order (unmodifiable). */
    public List<Tree> trees() {
        return trees;
    }

    /** Rows each tree was grown on. */
    public int sampleSize() {
        return sampleSize;
    }

    /** Anomaly score of one row, in (0, 1]; higher is more anomalous. Equals scikit-learn's {@code -score_samples}. */
    public double score(double[] row) {
        double depths = 0;
        for (Tree tree : trees) {
            depths += tree.pathLength(row);
        }
        return Math.pow(2, -depths / (trees.size() * averagePathLength(sampleSize)));
    }

    /** Scores of all rows, computed on {@code threads} threads (the result does not depend on it). */
    public double[] scoreAll(double[][] x, int threads) {
        double[] scores = new double[x.length];
        try (Parallel pool = Parallel.of(threads)) {
            pool.forRange(x.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    scores[i] = score(x[i]);
                }
            });
        }
        return scores;
    }

    /**
     * The score above which a row is an outlier so that a share {@code contamination} of
     * {@code scores} is flagged, reproducing scikit-learn: its {@code offset_} is
     * {@code np.percentile(score_samples, 100 * contamination)} (linear interpolation) and a row is an
     * outlier when {@code score_samples < offset_}; with {@code score = -score_samples} that is
     * {@code score > -offset_}, and this method returns {@code -offset_}.
     *
     * @param contamination share of outliers, in (0, 0.5]
     */
    public static double threshold(double[] scores, double contamination) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("IsolationForest.threshold: expected at least one score, found none");
        }
        if (!(contamination > 0 && contamination <= 0.5)) {
            throw new IllegalArgumentException("IsolationForest.threshold: contamination must be in (0, 0.5], found "
                    + contamination);
        }
        double[] sorted = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            sorted[i] = -scores[i];
        }
        Arrays.sort(sorted);
        return -percentile(sorted, 100.0 * contamination);
    }

    /** numpy's {@code percentile(a, q)} with the default linear method, on ascending {@code sorted}. */
    static double percentile(double[] sorted, double q) {
        int n = sorted.length;
        double virtualIndex = (q / 100.0) * (n - 1);
        int below = (int) Math.floor(virtualIndex);
        int above = Math.min(below + 1, n - 1);
        double gamma = virtualIndex - below;
        double a = sorted[below];
        double b = sorted[above];
        double diff = b - a;
        // numpy's _lerp: a + diff * t, but b - diff * (1 - t) when t >= 0.5 (for monotonicity).
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** {@code c(n)}: average path length of an unsuccessful search in a binary search tree of n nodes. */
    static double averagePathLength(int n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /** Grows one tree into growable flat arrays; single-threaded, owns its generator. */
    private static final class TreeBuilder {
        private final double[][] x;
        private final int d;
        private final int heightLimit;
        private final SplittableRandom random;
        private int[] feature = new int[64];
        private double[] split = new double[64];
        private int[] left = new int[64];
        private int[] right = new int[64];
        private int[] size = new int[64];
        private int nodes;

        TreeBuilder(double[][] x, int d, int heightLimit, SplittableRandom random) {
            this.x = x;
            this.d = d;
            this.heightLimit = heightLimit;
            this.random = random;
        }

        Tree grow(int sampleSize) {
            int n = x.length;
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            // Partial Fisher-Yates: the first sampleSize entries are a uniform sample without replacement.
            for (int i = 0; i < sampleSize; i++) {
                int j = random.nextInt(i, n);
                int tmp = rows[i];
                rows[i] = rows[j];
                rows[j] = tmp;
            }
            build(rows, 0, sampleSize, 0);
            return new Tree(Arrays.copyOf(feature, nodes), Arrays.copyOf(split, nodes), Arrays.copyOf(left, nodes),
                    Arrays.copyOf(right, nodes), Arrays.copyOf(size, nodes));
        }

        /** Builds the node for {@code rows[from, to)} (reordering that range) and returns its index. */
        private int build(int[] rows, int from, int to, int depth) {
            int node = newNode(to - from);
            if (depth >= heightLimit || to - from < 2) {
                return node;
            }
            double[] min = new double[d];
            double[] max = new double[d];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int r = from; r < to; r++) {
                double[] row = x[rows[r]];
                for (int j = 0; j < d; j++) {
                    min[j] = Math.min(min[j], row[j]);
                    max[j] = Math.max(max[j], row[j]);
                }
            }
            int[] candidates = new int[d];
            int count = 0;
            for (int j = 0; j < d; j++) {
                if (max[j] > min[j] + FEATURE_THRESHOLD) {
                    candidates[count++] = j;
                }
            }
            if (count == 0) {
                return node;
            }
            int f = candidates[random.nextInt(count)];
            double value = min[f] + random.nextDouble() * (max[f] - min[f]);
            if (value >= max[f]) {
                value = min[f]; // rounding reached max; scikit-learn does the same
            }
            int middle = from;
            for (int r = from; r < to; r++) {
                if (x[rows[r]][f] <= value) {
                    int tmp = rows[r];
                    rows[r] = rows[middle];
                    rows[middle] = tmp;
                    middle++;
                }
            }
            feature[node] = f;
            split[node] = value;
            // Children first, then store: building may grow (replace) the node arrays.
            int leftChild = build(rows, from, middle, depth + 1);
            int rightChild = build(rows, middle, to, depth + 1);
            left[node] = leftChild;
            right[node] = rightChild;
            return node;
        }

        private int newNode(int rows) {
            if (nodes == feature.length) {
                int capacity = nodes * 2;
                feature = Arrays.copyOf(feature, capacity);
                split = Arrays.copyOf(split, capacity);
                left = Arrays.copyOf(left, capacity);
                right = Arrays.copyOf(right, capacity);
                size = Arrays.copyOf(size, capacity);
            }
            int node = nodes++;
            feature[node] = -1;
            split[node] = 0.0;
            left[node] = -1;
            right[node] = -1;
            size[node] = rows;
            return node;
        }
    }
}
