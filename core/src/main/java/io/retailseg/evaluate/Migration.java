package io.retailseg.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How customers moved between the segments of two periods (or two runs). A customer counts in a
 * period when segmented there (outliers and absent customers do not); the matrix counts customers
 * segmented in both, row = segment in the first, column = segment in the second. Customers
 * segmented only in the first "left" (absent from the second or an outlier there), customers
 * segmented only in the second "arrived". Match the second's ids to the first's first (see
 * {@link SegmentMatching}) so rows and columns line up.
 */
public final class Migration {
    private Migration() {
    }

    /**
     * @param moved k1 x k2 customer counts
     * @param left customers segmented in the first only, ascending
     * @param leftAsOutliers of {@code left}, how many are outliers (not absent) in the second
     * @param arrived customers segmented in the second only, ascending
     * @param arrivedFromOutliers of {@code arrived}, how many were outliers (not absent) in the first
     */
    public record Result(long[][] moved, List<Long> left, long leftAsOutliers, List<Long> arrived,
                         long arrivedFromOutliers) {
        public Result {
            left = List.copyOf(left);
            arrived = List.copyOf(arrived);
        }

        /** Customers segmented in both periods. */
        public long stayed() {
            long n = 0;
            for (long[] row : moved) {
                for (long v : row) {
                    n += v;
                }
            }
            return n;
        }

        /** Customers segmented in both whose segment id is the same. */
        public long sameSegment() {
            long n = 0;
            for (int i = 0; i < Math.min(moved.length, moved.length == 0 ? 0 : moved[0].length); i++) {
                n += moved[i][i];
            }
            return n;
        }
    }

    /**
     * The segments of {@code segmentOf} renamed through {@code newId} (old id to new id; -1, an
     * outlier, stays -1), e.g. with {@link SegmentMatching.Match#newId()}.
     */
    public static Map<Long, Integer> relabel(Map<Long, Integer> segmentOf, int[] newId) {
        Map<Long, Integer> out = new java.util.HashMap<>();
        segmentOf.forEach((id, s) -> out.put(id, s < 0 ? -1 : newId[s]));
        return out;
    }

    /**
     * @param first segment per customer id in the first period, -1 for an outlier
     * @param k1 segments of the first
     * @param second the same for the second period
     * @param k2 segments of the second
     */
    public static Result between(Map<Long, Integer> first, int k1, Map<Long, Integer> second, int k2) {
        long[][] moved = new long[k1][k2];
        List<Long> left = new ArrayList<>();
        List<Long> arrived = new ArrayList<>();
        long leftAsOutliers = 0;
        long arrivedFromOutliers = 0;
        for (Map.Entry<Long, Integer> e : new TreeMap<>(first).entrySet()) {
            int a = e.getValue();
            Integer b = second.get(e.getKey());
            if (a >= 0 && b != null && b >= 0) {
                moved[a][b]++;
            } else if (a >= 0) {
                left.add(e.getKey());
                if (b != null) {
                    leftAsOutliers++;
                }
            }
        }
        for (Map.Entry<Long, Integer> e : new TreeMap<>(second).entrySet()) {
            Integer a = first.get(e.getKey());
            if (e.getValue() >= 0 && (a == null || a < 0)) {
                arrived.add(e.getKey());
                if (a != null) {
                    arrivedFromOutliers++;
                }
            }
        }
        return new Result(moved, left, leftAsOutliers, arrived, arrivedFromOutliers);
    }
}
