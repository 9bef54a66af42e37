package io.retailseg.evaluate;

/**
 * Top-N metrics of one ranked list against the set of relevant items (binary relevance), as
 * commonly defined (e.g. Järvelin and Kekäläinen, "Cumulated gain-based evaluation of IR
 * techniques", ACM TOIS 20(4), 2002, for NDCG):
 * <ul>
 *   <li>precision@N = hits in the first N / N (a list shorter than N is not rewarded for it);</li>
 *   <li>recall@N = hits in the first N / |relevant|;</li>
 *   <li>hit rate@N = 1 when the first N hold at least one relevant item, else 0;</li>
 *   <li>NDCG@N = DCG / ideal DCG, DCG = sum over ranks r = 1..N of rel(r) / log2(r + 1), ideal DCG
 *       the same with the min(N, |relevant|) first ranks relevant.</li>
 * </ul>
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /** The four metrics of one list at one N. */
    public record AtN(double precision, double recall, double hitRate, double ndcg) {
    }

    /**
     * @param ranked recommended items, best first (distinct)
     * @param relevant sorted distinct relevant items, not empty
     * @param n the cut-off, at least 1
     */
    public static AtN at(int[] ranked, int[] relevant, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("RankingMetrics.at: N must be at least 1, found " + n);
        }
        if (relevant.length == 0) {
            throw new IllegalArgumentException("RankingMetrics.at: no relevant item; such a customer is not evaluated");
        }
        int hits = 0;
        double dcg = 0;
        int depth = Math.min(n, ranked.length);
        for (int r = 0; r < depth; r++) {
            if (java.util.Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                hits++;
                dcg += discount(r);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(n, relevant.length); r++) {
            ideal += discount(r);
        }
        return new AtN((double) hits / n, (double) hits / relevant.length, hits > 0 ? 1 : 0, dcg / ideal);
    }

    /** 1 / log2(rank + 1) for the 0-based position {@code r}. */
    private static double discount(int r) {
        return 1.0 / (Math.log(r + 2) / Math.log(2));
    }
}
