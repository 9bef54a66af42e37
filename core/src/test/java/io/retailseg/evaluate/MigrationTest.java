package io.retailseg.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Segmentation;
import org.junit.jupiter.api.Test;

/** Who moved, left and arrived, by hand. */
class MigrationTest {
    @Test
    void countsMovesAndWhoLeftOrArrived() {
        // -1 = outlier; customer 5 is absent from the second, 6 from the first.
        Segmentation first = Segmentation.of(new long[] {1, 2, 3, 4, 5}, new int[] {0, 0, 1, -1, 1}, 2);
        Segmentation second = Segmentation.of(new long[] {1, 2, 3, 4, 6}, new int[] {1, 0, -1, 0, 1}, 2);
        Migration.Result r = Migration.between(first, second);
        assertThat(r.moved()).isDeepEqualTo(new long[][] {{1, 1}, {0, 0}});
        assertThat(r.stayed()).isEqualTo(2);
        assertThat(r.sameSegment()).isEqualTo(1);
        assertThat(r.left()).containsExactly(3L, 5L);
        assertThat(r.leftAsOutliers()).isEqualTo(1);
        assertThat(r.arrived()).containsExactly(4L, 6L);
        assertThat(r.arrivedFromOutliers()).isEqualTo(1);
    }

    @Test
    void relabelRenamesSegmentsAndKeepsOutliers() {
        Segmentation s = Segmentation.of(new long[] {1, 2, 3}, new int[] {0, 1, -1}, 2).relabel(new int[] {1, 0});
        assertThat(s.segmentOf(1)).hasValue(1);
        assertThat(s.segmentOf(2)).hasValue(0);
        assertThat(s.segmentOf(3)).isEmpty();
        assertThat(s.contains(3)).isTrue();
    }
}
