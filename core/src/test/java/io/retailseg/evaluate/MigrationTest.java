package io.retailseg.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who moved, left and arrived, by hand. */
class MigrationTest {
    @Test
    void countsMovesAndWhoLeftOrArrived() {
        // -1 = outlier; customer 5 is absent from the second, 6 from the first.
        Map<Long, Integer> first = Map.of(1L, 0, 2L, 0, 3L, 1, 4L, -1, 5L, 1);
        Map<Long, Integer> second = Map.of(1L, 1, 2L, 0, 3L, -1, 4L, 0, 6L, 1);
        Migration.Result r = Migration.between(first, 2, second, 2);
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
        assertThat(Migration.relabel(Map.of(1L, 0, 2L, 1, 3L, -1), new int[] {1, 0}))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1L, 1, 2L, 0, 3L, -1));
    }
}
