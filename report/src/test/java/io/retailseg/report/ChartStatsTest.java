package io.retailseg.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Histogram bins and correlations on hand-checked numbers. */
class ChartStatsTest {
    @Test
    void smallIntegerFeaturesGetOneBarPerValue() {
        ChartStats.Bins b = ChartStats.bins(new double[] {0, 6, 3, 3, 1});
        assertThat(b.discrete()).isTrue();
        assertThat(b.count()).isEqualTo(7); // 0..6
        assertThat(b.counts(new double[] {0, 6, 3, 3, 1})).containsExactly(1, 1, 0, 2, 0, 0, 1);
        assertThat(b.label(3)).isEqualTo("3");
        assertThat(b.clipped()).isFalse();
    }

    @Test
    void continuousFeaturesSpanThePercentilesAndCountTheTailsInTheEdgeBars() {
        double[] v = new double[101];
        for (int i = 0; i <= 100; i++) {
            v[i] = i + 0.5; // 0.5 .. 100.5
        }
        v[100] = 10_000; // one huge value
        ChartStats.Bins b = ChartStats.bins(v);
        // numpy.quantile(v, [0.01, 0.99]) with linear interpolation: 1.5 and 99.5 + 0.99 * ... = position 99 -> 99.5
        assertThat(b.low()).isCloseTo(1.5, within(1e-12));
        assertThat(b.low() + b.width() * b.count()).isCloseTo(99.5, within(1e-9));
        assertThat(b.count()).isEqualTo(ChartStats.BINS);
        long[] counts = b.counts(v);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(101);
        // first bar [1.5, 6.4): 0.5 (clamped), 1.5 .. 5.5 -> 6 values; last bar [94.6, 99.5] + 10000 -> 95.5..99.5, 10000
        assertThat(counts[0]).isEqualTo(6);
        assertThat(counts[ChartStats.BINS - 1]).isEqualTo(6);
        assertThat(b.clipped()).isTrue();
        assertThat(ModelSections.clipNote(b)).contains("0.5").contains("10,000");
    }

    @Test
    void aConstantFeatureGetsOneBar() {
        ChartStats.Bins b = ChartStats.bins(new double[] {2.5, 2.5, 2.5});
        assertThat(b.count()).isEqualTo(1);
        assertThat(b.counts(new double[] {2.5, 2.5, 2.5})).containsExactly(3);
    }

    @Test
    void pearsonCorrelationOfHandMadeColumns() {
        double[][] rows = {{1, 2, 5, 7}, {2, 4, 4, 7}, {3, 6, 3, 7}, {4, 8, 1, 7}};
        double[][] c = ChartStats.correlation(rows);
        assertThat(c[0][1]).isCloseTo(1, within(1e-12));
        // x = 1..4, z = 5,4,3,1: cov = -5.5/4... r = sum(dx dz) / sqrt(sum dx^2 sum dz^2) = -6.5 / sqrt(5 * 8.75)
        assertThat(c[0][2]).isCloseTo(-6.5 / Math.sqrt(5 * 8.75), within(1e-12));
        assertThat(c[2][0]).isEqualTo(c[0][2]);
        assertThat(c[3][0]).isNaN(); // constant column
    }

    @Test
    void samplingKeepsSmallSetsAndDrawsReproduciblyFromLargeOnes() {
        int[] rows = java.util.stream.IntStream.range(0, 1000).toArray();
        assertThat(Sampling.sample(rows, 2000, 1)).isEqualTo(rows);
        int[] a = Sampling.sample(rows, 100, 7);
        assertThat(a).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(Sampling.sample(rows, 100, 7)).isEqualTo(a);
        assertThat(Sampling.sample(rows, 100, 8)).isNotEqualTo(a);
    }

    @Test
    void everyPossibleSegmentHasItsOwnColour() {
        // k can reach RunConfig's largest k_max default, 15
        java.util.Set<String> colours = new java.util.HashSet<>();
        for (int id = 0; id < 15; id++) {
            colours.add(Palette.segment(id));
        }
        assertThat(colours).hasSize(15).doesNotContain(Palette.NEUTRAL);
        assertThat(Palette.DISTINCT).isEqualTo(15);
        assertThat(Palette.segment(0)).isEqualTo("#0072B2"); // Okabe-Ito blue first
    }
}
