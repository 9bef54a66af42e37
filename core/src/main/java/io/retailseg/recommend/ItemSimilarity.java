package io.retailseg.recommend;

import io.retailseg.Interleaved;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Builds the sparse {@link ItemWeights} of the item-item recommenders from the training baskets, without
 * holding a products x products matrix beyond a small catalogue.
 *
 * <p>Co-occurrence: c<sub>ij</sub> = the number of customers whose basket has both i and j, n<sub>i</sub> =
 * c<sub>ii</sub>, the customers of i. Up to {@link #MAX_TRIANGLE_PAIRS} product pairs (about 5,800 products:
 * the real file's 3,600, the generator's 4,000) every pair is counted once, into a triangle of counts, in
 * blocks of rows; work is the sum over customers of |B|(|B| - 1) / 2. Larger catalogues count each
 * product's row from an inverted index (product to customers) into one scratch array per thread, both
 * sides of every pair: the sum over customers of |B| squared. Either way only a row's {@code candidates}
 * largest counts are kept (ties by product index). Rows are handed to threads whole and each row's result
 * depends on its own counts only, so the weights do not depend on the thread count or the way of counting.
 *
 * <p>Memory of a fit, p products, E basket entries (sum over customers of distinct products), C =
 * {@link #DEFAULT_CANDIDATES}, K neighbours, T threads: the inverted index 4 E bytes; the triangle, when
 * used, 2 p<sup>2</sup> bytes (at most 64 MB), plus per thread a block of 64 p-int rows and a flag per
 * customer; else per thread a p-int scratch row and its touched list (up to 4 p bytes); the kept counts at
 * most 8 p C bytes (two ints per pair: 410 MB at 50,000 products); for local EASE, per thread a K x K system
 * (three K x K doubles); the result, {@link ItemWeights}, 16 bytes per weight (target int, weight double,
 * together int), p K of them, held twice while rows are flattened. Measured in docs/benchmarks.md, "Issue 11:
 * catalogue scale".
 */
public final class ItemSimilarity {
    /** Counts kept per product (and the neighbourhoods chosen from them). */
    public static final int DEFAULT_CANDIDATES = 1024;

    private ItemSimilarity() {
    }

    /** Each product's largest co-occurrence counts, row sorted by target index, and the customers of each product. */
    static final class Cooccurrence {
        final int[][] targets;
        final int[][] counts;
        final int[] buyers;

        Cooccurrence(int[][] targets, int[][] counts, int[] buyers) {
            this.targets = targets;
            this.counts = counts;
            this.buyers = buyers;
        }

        /** c<sub>ab</sub> as kept in either row (exact when either keeps it), n<sub>a</sub> on the diagonal. */
        int count(int a, int b) {
            if (a == b) {
                return buyers[a];
            }
            int i = Arrays.binarySearch(targets[a], b);
            if (i >= 0) {
                return counts[a][i];
            }
            int j = Arrays.binarySearch(targets[b], a);
            return j >= 0 ? counts[b][j] : 0;
        }

        double cosine(int a, int b, int count) {
            return count / Math.sqrt((double) buyers[a] * buyers[b]);
        }
    }

    static Cooccurrence cooccurrence(Basket[] baskets, int products, int candidates, int threads) {
        return cooccurrence(baskets, products, candidates, threads, MAX_TRIANGLE_PAIRS);
    }

    /** As above, counting into a triangle up to {@code maxTrianglePairs} product pairs (a test forces either way). */
    static Cooccurrence cooccurrence(Basket[] baskets, int products, int candidates, int threads,
                                     long maxTrianglePairs) {
        int[] degree = new int[products];
        for (Basket b : baskets) {
            for (int i : b.products()) {
                degree[i]++;
            }
        }
        int[][] customersOf = new int[products][];
        for (int i = 0; i < products; i++) {
            customersOf[i] = new int[degree[i]];
        }
        int[] fill = new int[products];
        for (int c = 0; c < baskets.length; c++) {
            for (int i : baskets[c].products()) {
                customersOf[i][fill[i]++] = c;
            }
        }
        int[][] targets = new int[products][];
        int[][] counts = new int[products][];
        if ((long) products * (products - 1) / 2 <= maxTrianglePairs) {
            keepFromTriangle(triangle(baskets, products, customersOf, threads), products, candidates, threads,
                    targets, counts);
            return new Cooccurrence(targets, counts, degree);
        }
        Interleaved.forEach(products, threads, () -> new int[products], (scratch, i) -> {
            long increments = 0;
            for (int c : customersOf[i]) {
                increments += baskets[c].size();
            }
            int[] touched;
            int n;
            if (increments >= products) {
                // more counts than products: count with nothing else in the loop, then read the companions off
                // the scratch row in index order (a pass over the products, at most as long as the counting).
                // The test of a first sight per count was most of the co-occurrence time at 10 M lines (JFR).
                for (int c : customersOf[i]) {
                    for (int j : baskets[c].products()) {
                        scratch[j]++;
                    }
                }
                scratch[i] = 0;
                touched = nonZero(scratch, products);
                n = touched.length;
            } else {
                touched = new int[16];
                n = 0;
                for (int c : customersOf[i]) {
                    for (int j : baskets[c].products()) {
                        if (j != i && scratch[j]++ == 0) {
                            if (n == touched.length) {
                                touched = Arrays.copyOf(touched, n * 2);
                            }
                            touched[n++] = j;
                        }
                    }
                }
            }
            keepLargest(scratch, touched, n, candidates, i, targets, counts);
            for (int e = 0; e < n; e++) {
                scratch[touched[e]] = 0;
            }
        });
        return new Cooccurrence(targets, counts, degree);
    }

    /**
     * Up to this many product pairs (2^24: 64 MB of int counts, about 5,800 products) the counts are taken
     * once per pair, into a triangle, instead of once from each side: half the work, which is the hybrid's
     * fit at 100 M generated lines (4,000 products; a quarter of the run's CPU before). Larger catalogues
     * count row by row, in products x candidates memory.
     */
    static final long MAX_TRIANGLE_PAIRS = 1L << 24;
    /** Rows counted, and completed from the triangle, together (a block's scratch: 64 p ints per thread). */
    private static final int ROWS_PER_BLOCK = 64;

    /**
     * c<sub>ij</sub> for every i < j, row i holding j = i + 1 .. products - 1: each customer adds one to the
     * pair of every two of their products, in the row of the smaller. Work is the sum over customers of
     * |B|(|B| - 1) / 2 additions. Rows go in blocks of {@link #ROWS_PER_BLOCK} consecutive products, one block
     * to a thread (so each row has one writer), and a block visits each of its products' customers once, for
     * all of the block's products in their basket: a visit to a customer's basket (a cache miss or more) was
     * as costly as the additions when each row visited its customers itself (JFR, 10 M generated lines).
     */
    private static int[][] triangle(Basket[] baskets, int products, int[][] customersOf, int threads) {
        int[][] triangle = new int[products][];
        int blocks = (products + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
        Interleaved.forEach(blocks, threads, () -> new boolean[baskets.length], (seen, block) -> {
            int first = block * ROWS_PER_BLOCK;
            int end = Math.min(products, first + ROWS_PER_BLOCK);
            int[][] rows = new int[end - first][];
            int visits = 0;
            for (int i = first; i < end; i++) {
                rows[i - first] = new int[products - i - 1];
                visits += customersOf[i].length;
            }
            // the block's customers, each once (in the order first met: the sums do not depend on it)
            int[] customers = new int[visits];
            int count = 0;
            for (int i = first; i < end; i++) {
                for (int c : customersOf[i]) {
                    if (!seen[c]) {
                        seen[c] = true;
                        customers[count++] = c;
                    }
                }
            }
            for (int v = 0; v < count; v++) {
                int c = customers[v];
                seen[c] = false;
                int[] bought = baskets[c].products();
                // strictly increasing: the block's products in this basket are one run, from the first >= first
                int at = Arrays.binarySearch(bought, first);
                at = at >= 0 ? at : -at - 1;
                for (; at < bought.length && bought[at] < end; at++) {
                    int[] row = rows[bought[at] - first];
                    int offset = -bought[at] - 1;
                    for (int e = at + 1; e < bought.length; e++) {
                        row[offset + bought[e]]++;
                    }
                }
            }
            for (int i = first; i < end; i++) {
                triangle[i] = rows[i - first];
            }
        });
        return triangle;
    }

    /**
     * Each row's kept counts from the triangle, rows in blocks of {@link #ROWS_PER_BLOCK}: row i's counts
     * c(j, i), j < i, stand in column i of the rows above, and a block reads them as one short run per row j
     * instead of one cache line per count.
     */
    private static void keepFromTriangle(int[][] triangle, int products, int candidates, int threads,
                                         int[][] targets, int[][] counts) {
        int blocks = (products + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
        Interleaved.forEach(blocks, threads, () -> new int[ROWS_PER_BLOCK][products], (rows, block) -> {
            int first = block * ROWS_PER_BLOCK;
            int end = Math.min(products, first + ROWS_PER_BLOCK);
            for (int j = 0; j < end - 1; j++) {
                int[] above = triangle[j];
                for (int i = Math.max(first, j + 1); i < end; i++) {
                    rows[i - first][j] = above[i - j - 1];
                }
            }
            for (int i = first; i < end; i++) {
                int[] scratch = rows[i - first];
                int[] own = triangle[i];
                System.arraycopy(own, 0, scratch, i + 1, own.length);
                int[] touched = nonZero(scratch, products);
                keepLargest(scratch, touched, touched.length, candidates, i, targets, counts);
                Arrays.fill(scratch, 0);
            }
        });
    }

    /** The indices of {@code row[0..length)} that are not 0, ascending. */
    private static int[] nonZero(int[] row, int length) {
        int n = 0;
        for (int j = 0; j < length; j++) {
            if (row[j] != 0) {
                n++;
            }
        }
        int[] out = new int[n];
        for (int j = 0, e = 0; e < n; j++) {
            if (row[j] != 0) {
                out[e++] = j;
            }
        }
        return out;
    }

    /** Row i's kept counts: its {@code candidates} largest of the {@code n} touched (ties by index), by index. */
    private static void keepLargest(int[] scratch, int[] touched, int n, int candidates, int i, int[][] targets,
                                    int[][] counts) {
        int keep = Math.min(n, candidates);
        int[] chosen;
        if (keep < n) {
            chosen = largestCounts(scratch, touched, n, keep);
        } else {
            chosen = Arrays.copyOf(touched, n);
        }
        Arrays.sort(chosen);
        int[] kept = new int[keep];
        for (int e = 0; e < keep; e++) {
            kept[e] = scratch[chosen[e]];
        }
        targets[i] = chosen;
        counts[i] = kept;
    }

    /**
     * The {@code keep} (< n) touched products of largest count, equal counts by smaller index, in no
     * particular order. Selected through a histogram of the counts (the threshold count, then the ties at
     * it by index) instead of sorting every row: with 50,000 products and 307,000 customers rows reach tens
     * of thousands of companions, and sorting them all took most of the co-occurrence time (jstack
     * samples, docs/benchmarks.md "Issue 11: catalogue scale"). The set chosen is the same as the sort's.
     */
    private static int[] largestCounts(int[] scratch, int[] touched, int n, int keep) {
        int max = 0;
        for (int e = 0; e < n; e++) {
            max = Math.max(max, scratch[touched[e]]);
        }
        int[] histogram = new int[max + 1];
        for (int e = 0; e < n; e++) {
            histogram[scratch[touched[e]]]++;
        }
        int threshold = max;
        int above = 0;
        while (above + histogram[threshold] < keep) {
            above += histogram[threshold];
            threshold--;
        }
        int[] chosen = new int[keep];
        int[] ties = new int[histogram[threshold]];
        int c = 0;
        int t = 0;
        for (int e = 0; e < n; e++) {
            int j = touched[e];
            if (scratch[j] > threshold) {
                chosen[c++] = j;
            } else if (scratch[j] == threshold) {
                ties[t++] = j;
            }
        }
        Arrays.sort(ties);
        System.arraycopy(ties, 0, chosen, c, keep - c);
        return chosen;
    }

    /**
     * Item-to-item cosine: w<sub>ij</sub> = c<sub>ij</sub> / sqrt(n<sub>i</sub> n<sub>j</sub>), each product's
     * {@code neighbours} most similar products kept (ties by index), chosen among its
     * {@link #DEFAULT_CANDIDATES} most frequent companions.
     */
    public static ItemWeights cosine(Basket[] baskets, int products, int neighbours, int threads) {
        Cooccurrence co = cooccurrence(baskets, products, Math.max(neighbours, DEFAULT_CANDIDATES), threads);
        int[][] t = new int[products][];
        double[][] w = new double[products][];
        int[][] together = new int[products][];
        Interleaved.forEach(products, threads, () -> null, (none, i) -> {
            int[] top = nearest(co, i, neighbours);
            t[i] = new int[top.length];
            w[i] = new double[top.length];
            together[i] = new int[top.length];
            for (int e = 0; e < top.length; e++) {
                int target = co.targets[i][top[e]];
                int c = co.counts[i][top[e]];
                t[i][e] = target;
                w[i][e] = co.cosine(i, target, c);
                together[i][e] = c;
            }
        });
        return ItemWeights.ofRows(t, w, together);
    }

    /**
     * Product i's {@code k} kept companions of largest cosine, ties by index, as their positions in its kept row
     * (which is sorted by index, so ties by position are ties by index), best first: the caller reads each
     * one's product and count there, with no search.
     */
    private static int[] nearest(Cooccurrence co, int i, int k) {
        int[] row = co.targets[i];
        int[] counts = co.counts[i];
        double[] cosine = new double[row.length];
        for (int e = 0; e < row.length; e++) {
            cosine[e] = co.cosine(i, row[e], counts[e]);
        }
        return best(cosine, Math.min(k, row.length));
    }

    /**
     * The positions of the {@code m} largest of {@code values} (finite), equal values by the smaller position,
     * best first: what {@link TopScores} keeps, through a heap of the m kept with the worst at its root, so a
     * value taken costs log m moves instead of up to m (the sorted insertion was an eighth of the hybrid fit's
     * JFR samples at 100 of 1,024 candidates per product).
     */
    static int[] best(double[] values, int m) {
        int[] heap = new int[m];
        int size = 0;
        for (int e = 0; e < values.length; e++) {
            if (size < m) {
                heap[size] = e;
                siftUp(heap, size++, values);
            } else if (m > 0 && worse(heap[0], e, values)) {
                heap[0] = e;
                siftDown(heap, 0, m, values);
            }
        }
        int[] out = new int[size];
        for (int end = size - 1; end >= 0; end--) { // the root is the worst left: it goes last
            out[end] = heap[0];
            heap[0] = heap[end];
            siftDown(heap, 0, end, values);
        }
        return out;
    }

    /** Whether position a ranks below b: a smaller value, or an equal one at a larger position. */
    private static boolean worse(int a, int b, double[] values) {
        return values[a] < values[b] || values[a] == values[b] && a > b;
    }

    private static void siftUp(int[] heap, int at, double[] values) {
        int e = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!worse(e, heap[parent], values)) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = e;
    }

    private static void siftDown(int[] heap, int at, int size, double[] values) {
        int e = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(heap[child + 1], heap[child], values)) {
                child++;
            }
            if (!worse(heap[child], e, values)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = e;
    }

    /**
     * Local EASE: for each output product j, the ridge regression of customers' x<sub>j</sub> on the
     * x<sub>a</sub> of its {@code neighbours} most similar products N(j) (cosine, as {@link #cosine}):
     * w<sub>N(j), j</sub> = (G<sub>NN</sub> + lambda I)<sup>-1</sup> G<sub>N j</sub> with G = X<sup>T</sup>X the
     * co-occurrence counts. With N(j) all other products this is exactly EASE's column j (Steck 2019,
     * whose constraint B<sub>jj</sub> = 0 only removes j from its own regression); restricted to N(j) it
     * is the neighbourhood-constrained form of SLIM (Ning and Karypis 2011), and costs one k x k Cholesky
     * per product instead of a products x products inverse. G<sub>ab</sub> is the count kept in the rows of a
     * or b, 0 when neither row keeps it (pairs rarer than each product's {@link #DEFAULT_CANDIDATES}
     * most frequent companions). If the system is not positive definite (possible only through that
     * truncation), lambda is doubled until it is.
     */
    public static ItemWeights localEase(Basket[] baskets, int products, int neighbours, double lambda, int threads) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("local EASE lambda must be positive, was " + lambda);
        }
        Cooccurrence co = cooccurrence(baskets, products, Math.max(neighbours, DEFAULT_CANDIDATES), threads);
        int[][] inputs = new int[products][];
        double[][] columnWeights = new double[products][];
        int[][] columnTogether = new int[products][];
        Interleaved.forEach(products, threads, () -> {
            int[] mark = new int[products];
            Arrays.fill(mark, -1);
            return mark;
        }, (mark, j) -> {
            int[] at = nearest(co, j, neighbours);
            int m = at.length;
            int[] n = new int[m];
            int[] together = new int[m];
            for (int r = 0; r < m; r++) {
                n[r] = co.targets[j][at[r]];
                together[r] = co.counts[j][at[r]];
            }
            inputs[j] = n;
            columnWeights[j] = new double[m];
            columnTogether[j] = together;
            if (m == 0) {
                return;
            }
            // G over N(j), read off the kept rows of N(j) (a count kept in either row of a pair is the exact count)
            // through a position marker instead of a search per pair; G(N(j), j) is j's own kept row, where N(j)
            // was chosen. j itself is unmarked: the scan's test is one load and one sign.
            DMatrixRMaj a = new DMatrixRMaj(m, m);
            DMatrixRMaj rhs = new DMatrixRMaj(m, 1);
            DMatrixRMaj x = new DMatrixRMaj(m, 1);
            for (int r = 0; r < m; r++) {
                mark[n[r]] = r;
                rhs.unsafe_set(r, 0, together[r]);
            }
            for (int r = 0; r < m; r++) {
                int row = n[r];
                a.unsafe_set(r, r, co.buyers[row]);
                int[] targets = co.targets[row];
                int[] counts = co.counts[row];
                for (int e = 0; e < targets.length; e++) {
                    int c = mark[targets[e]];
                    if (c >= 0) {
                        a.unsafe_set(r, c, counts[e]);
                        a.unsafe_set(c, r, counts[e]);
                    }
                }
            }
            for (int r = 0; r < m; r++) {
                mark[n[r]] = -1;
            }
            LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(m);
            double ridge = lambda;
            while (true) {
                DMatrixRMaj system = a.copy();
                for (int r = 0; r < m; r++) {
                    system.unsafe_set(r, r, system.unsafe_get(r, r) + ridge);
                }
                if (solver.setA(system)) {
                    break;
                }
                ridge *= 2;
            }
            solver.solve(rhs, x);
            for (int r = 0; r < m; r++) {
                columnWeights[j][r] = x.unsafe_get(r, 0);
            }
        });
        // Transpose: the model keeps rows by input product (what a basket reads).
        int[] degree = new int[products];
        for (int[] in : inputs) {
            for (int a : in) {
                degree[a]++;
            }
        }
        int[][] t = new int[products][];
        double[][] w = new double[products][];
        int[][] together = new int[products][];
        for (int a = 0; a < products; a++) {
            t[a] = new int[degree[a]];
            w[a] = new double[degree[a]];
            together[a] = new int[degree[a]];
        }
        int[] fill = new int[products];
        for (int j = 0; j < products; j++) {
            for (int r = 0; r < inputs[j].length; r++) {
                int a = inputs[j][r];
                int e = fill[a]++;
                t[a][e] = j;
                w[a][e] = columnWeights[j][r];
                together[a][e] = columnTogether[j][r];
            }
        }
        return ItemWeights.ofRows(t, w, together);
    }

    /**
     * A dense weight matrix (row = input product) cut to each row's {@code keep} largest weights (ties by
     * index), with co-occurrence counts for the reasons.
     */
    public static ItemWeights truncate(double[] dense, Basket[] baskets, int products, int keep, int threads) {
        Cooccurrence co = cooccurrence(baskets, products, DEFAULT_CANDIDATES, threads);
        int[][] t = new int[products][];
        double[][] w = new double[products][];
        int[][] together = new int[products][];
        Interleaved.forEach(products, threads, () -> null, (none, i) -> {
            int offset = i * products;
            TopScores top = new TopScores(Math.min(keep, products - 1));
            for (int j = 0; j < products; j++) {
                if (j != i) {
                    top.offer(j, dense[offset + j]);
                }
            }
            int m = top.size();
            t[i] = new int[m];
            w[i] = new double[m];
            together[i] = new int[m];
            for (int e = 0; e < m; e++) {
                t[i][e] = top.product(e);
                w[i][e] = top.score(e);
                together[i][e] = co.count(i, top.product(e));
            }
        });
        return ItemWeights.ofRows(t, w, together);
    }
}
