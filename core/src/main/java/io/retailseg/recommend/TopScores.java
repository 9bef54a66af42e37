package io.retailseg.recommend;

/** The n best (product, score) pairs offered: higher score first, equal scores by smaller product index. */
final class TopScores {
    private final int[] products;
    private final double[] scores;
    private int size;

    TopScores(int n) {
        this.products = new int[n];
        this.scores = new double[n];
    }

    void offer(int product, double score) {
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

    private static boolean better(int product, double score, int other, double otherScore) {
        return score > otherScore || score == otherScore && product < other;
    }

    int size() {
        return size;
    }

    int product(int k) {
        return products[k];
    }

    double score(int k) {
        return scores[k];
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
