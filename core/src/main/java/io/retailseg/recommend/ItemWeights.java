package io.retailseg.recommend;

import java.util.Arrays;

/**
 * Sparse product-to-product weights, row by input product: for product i, the products j it lends
 * score to, each with its weight w<sub>ij</sub> and the number of customers who bought both
 * ({@code together}, what a recommendation's reason quotes). Rows are sorted by target index. This is
 * what the item-item recommenders keep in the model: at most a few hundred entries per product, never
 * a dense products x products matrix.
 */
public final class ItemWeights {
    private final int[] offsets;
    private final int[] targets;
    private final double[] weights;
    private final int[] together;
    /**
     * Column j (the entries whose target is j) is {@code columnEntries[columnOffsets[j] .. columnOffsets[j + 1])},
     * by ascending input product, with those inputs in {@code columnInputs}: a recommendation's reason reads the
     * weights into one product from a basket's products by merging the two ascending lists, instead of a binary
     * search per basket product (at 100 M generated lines those searches were 3 % of a run's samples). 8 bytes a
     * weight.
     */
    private final int[] columnOffsets;
    private final int[] columnEntries;
    private final int[] columnInputs;

    /**
     * @param offsets row i is entries offsets[i] .. offsets[i + 1] - 1; length products + 1
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public ItemWeights(int[] offsets, int[] targets, double[] weights, int[] together) {
        int products = offsets.length - 1;
        if (products < 0 || offsets[0] != 0 || offsets[products] != targets.length
                || weights.length != targets.length || together.length != targets.length) {
            throw new IllegalArgumentException("offsets: expected offsets of products + 1 entries ending at the number "
                    + "of weights, and one target, weight and count per weight");
        }
        for (int i = 0; i < products; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("offsets[" + (i + 1) + "]: expected offsets not to decrease");
            }
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                if (targets[e] < 0 || targets[e] >= products || e > offsets[i] && targets[e] <= targets[e - 1]) {
                    throw new IllegalArgumentException("targets[" + e + "]: expected increasing products 0.."
                            + (products - 1) + " within a row, found " + targets[e]);
                }
                if (!Double.isFinite(weights[e])) {
                    throw new IllegalArgumentException("weights[" + e + "]: expected a finite number, found "
                            + weights[e]);
                }
                if (together[e] < 0) {
                    throw new IllegalArgumentException("together[" + e + "]: expected a count >= 0, found "
                            + together[e]);
                }
            }
        }
        this.offsets = offsets;
        this.targets = targets;
        this.weights = weights;
        this.together = together;
        // the columns: each target's entries, by ascending input product (a counting sort of the entries)
        columnOffsets = new int[products + 1];
        for (int target : targets) {
            columnOffsets[target + 1]++;
        }
        for (int j = 0; j < products; j++) {
            columnOffsets[j + 1] += columnOffsets[j];
        }
        columnEntries = new int[targets.length];
        columnInputs = new int[targets.length];
        int[] next = Arrays.copyOf(columnOffsets, products);
        for (int i = 0; i < products; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int at = next[targets[e]]++;
                columnEntries[at] = e;
                columnInputs[at] = i;
            }
        }
    }

    /** From rows kept per input product (any order within a row: sorted here). */
    static ItemWeights ofRows(int[][] rowTargets, double[][] rowWeights, int[][] rowTogether) {
        int products = rowTargets.length;
        int[] offsets = new int[products + 1];
        for (int i = 0; i < products; i++) {
            offsets[i + 1] = offsets[i] + rowTargets[i].length;
        }
        int[] targets = new int[offsets[products]];
        double[] weights = new double[targets.length];
        int[] together = new int[targets.length];
        for (int i = 0; i < products; i++) {
            int[] t = rowTargets[i];
            Integer[] order = new Integer[t.length];
            for (int e = 0; e < t.length; e++) {
                order[e] = e;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(t[a], t[b]));
            for (int e = 0; e < t.length; e++) {
                int at = offsets[i] + e;
                targets[at] = t[order[e]];
                weights[at] = rowWeights[i][order[e]];
                together[at] = rowTogether[i][order[e]];
            }
        }
        return new ItemWeights(offsets, targets, weights, together);
    }

    /** Number of products (rows). */
    public int products() {
        return offsets.length - 1;
    }

    /** Number of weights kept. */
    public int entries() {
        return targets.length;
    }

    public int from(int product) {
        return offsets[product];
    }

    public int to(int product) {
        return offsets[product + 1];
    }

    public int target(int entry) {
        return targets[entry];
    }

    public double weight(int entry) {
        return weights[entry];
    }

    public int together(int entry) {
        return together[entry];
    }

    /** The first position of column {@code target} (the entries into it, by ascending input product). */
    public int columnFrom(int target) {
        return columnOffsets[target];
    }

    /** One past the last position of column {@code target}. */
    public int columnTo(int target) {
        return columnOffsets[target + 1];
    }

    /** The entry at a position of a column. */
    public int columnEntry(int position) {
        return columnEntries[position];
    }

    /** The input product of the entry at a position of a column. */
    public int columnInput(int position) {
        return columnInputs[position];
    }

    /** The entry of (input, target), or -1 when the row does not keep it. */
    public int find(int input, int target) {
        int i = Arrays.binarySearch(targets, offsets[input], offsets[input + 1], target);
        return i < 0 ? -1 : i;
    }

    /** The raw arrays, for the model file (do not modify). */
    public int[] offsets() {
        return offsets;
    }

    public int[] targets() {
        return targets;
    }

    public double[] weights() {
        return weights;
    }

    public int[] together() {
        return together;
    }
}
