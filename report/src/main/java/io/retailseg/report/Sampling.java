package io.retailseg.report;

import io.retailseg.runfolder.RunCsv;
import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded, reproducible choice of customers when there are too many to draw. */
final class Sampling {
    private Sampling() {
    }

    /**
     * {@code rows} when there are at most {@code max}, otherwise {@code max} of them drawn uniformly
     * without replacement (partial Fisher-Yates with {@code seed}), in ascending order.
     */
    static int[] sample(int[] rows, int max, long seed) {
        if (rows.length <= max) {
            return rows.clone();
        }
        int[] pool = rows.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] chosen = Arrays.copyOf(pool, max);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Rows (customer indices) that belong to a segment. */
    static int[] segmented(RunCsv.Customers c) {
        return java.util.stream.IntStream.range(0, c.size()).filter(i -> c.segment()[i] >= 0).toArray();
    }
}
