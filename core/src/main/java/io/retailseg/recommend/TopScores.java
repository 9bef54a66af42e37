package io.retailseg.recommend;

import java.util.Arrays;

/**
 * The n best (product, score) pairs offered: higher score first, equal scores by the smaller rank of the
 * product (its index, or the given rank of each product, e.g. the sort rank of its stock code's text).
 */
public final class TopScores {
    private final int[] products;
    private final double[] scores;
    private final int[] rank;
    private int size;

    /** Equal scores by the smaller product index. */
    public TopScores(int n) {
        this(n, null);
    }

    /** @param rank per product, its tie-break rank (smaller first); null for the product index */
    public TopScores(int n, int[] rank) {
        this.products = new int[n];
        this.scores = new double[n];
        this.rank = rank;
    }

    public void offer(int product, double score) {
        int n = products.length;
        if (n == 0 || size == n && !better(product, score, products[n - 1], scores[n - 1])) {
            return;
        }
        int i = size < n ? size++ : n - 1;
        while (i > 0 && better(product, score, products[i - 1], scores[i - 1])) {
            products[i] = products[i - 1];
            scores[i] = scores[i - 1];
            i--;
        }
        products[i] = product;
        scores[i] = score;
    }

    private boolean better(int product, double score, int other, double otherScore) {
        return score > otherScore || score == otherScore
                && (rank == null ? product < other : rank[product] < rank[other]);
    }

    public int size() {
        return size;
    }

    public int product(int k) {
        return products[k];
    }

    public double score(int k) {
        return scores[k];
    }

    /** The products kept, best first. */
    public int[] products() {
        return Arrays.copyOf(products, size);
    }

    boolean contains(int product) {
        for (int k = 0; k < size; k++) {
            if (products[k] == product) {
                return true;
            }
        }
        return false;
    }
}
