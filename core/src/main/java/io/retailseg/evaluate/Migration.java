package io.retailseg.evaluate;

import io.retailseg.domain.Segmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * How customers moved between the segments of two periods (or two runs). A customer counts in a
 * period when segmented there (outliers and absent customers do not); the matrix counts customers
 * segmented in both, row = segment in the first, column = segment in the second. Customers
 * segmented only in the first "left" (absent from the second or an outlier there), customers
 * segmented only in the second "arrived". Match the second's ids to the first's first (see
 * {@code model.SegmentMatching}) so rows and columns line up.
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
     * @param first every customer's segment in the first period (or run)
     * @param second the same for the second, its ids matched to the first's
     *     ({@link Segmentation#relabel} with {@code SegmentMatching.Match#newId()})
     */
    public static Result between(Segmentation first, Segmentation second) {
        int k1 = first.k();
        int k2 = second.k();
        long[][] moved = new long[k1][k2];
        List<Long> left = new ArrayList<>();
        List<Long> arrived = new ArrayList<>();
        long leftAsOutliers = 0;
        long arrivedFromOutliers = 0;
        for (int i = 0; i < first.size(); i++) {
            if (!first.isSegmented(i)) {
                continue;
            }
            long id = first.customerId(i);
            OptionalInt b = second.segmentOf(id);
            if (b.isPresent()) {
                moved[first.segmentAt(i).getAsInt()][b.getAsInt()]++;
            } else {
                left.add(id);
                if (second.contains(id)) {
                    leftAsOutliers++;
                }
            }
        }
        for (int i = 0; i < second.size(); i++) {
            long id = second.customerId(i);
            if (second.isSegmented(i) && first.segmentOf(id).isEmpty()) {
                arrived.add(id);
                if (first.contains(id)) {
                    arrivedFromOutliers++;
                }
            }
        }
        return new Result(moved, left, leftAsOutliers, arrived, arrivedFromOutliers);
    }
}
