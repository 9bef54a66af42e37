package io.retailseg.generate;

import java.util.SplittableRandom;

/**
 * Pack-size quantity distributions. The real file's most common quantities are 1, 2, 12, 6, 4, 3,
 * 24, 10, 8, 5, 48, 25, 20, 16, 36 (in that order); median 6 on customer lines, 1 on lines
 * without customer; 99th percentile 120.
 */
enum QuantityProfile {
    SMALL(new int[] {1, 2, 3, 4, 5, 6, 8, 10, 12, 24},
          new double[] {40, 22, 10, 9, 2, 8, 1, 1, 6, 1}),
    MEDIUM(new int[] {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 25, 36, 48},
           new double[] {16, 14, 9, 10, 2, 14, 3, 5, 17, 2, 7, 2, 1, 1}),
    LARGE(new int[] {1, 2, 4, 6, 8, 10, 12, 16, 20, 24, 25, 36, 48, 72, 96, 100, 144, 200, 288, 480},
          new double[] {8, 8, 8, 10, 4, 6, 20, 4, 4, 12, 4, 3, 4, 1.5, 1.5, 1.5, 0.8, 0.4, 0.2, 0.1});

    /** Quantities of the rare very large orders (real maximum 80,995). */
    private static final int[] HUGE = {600, 720, 1000, 1200, 1440, 1900, 2400, 3114, 4300, 12540};

    private final int[] values;
    private final double[] cum;

    QuantityProfile(int[] values, double[] weights) {
        this.values = values;
        this.cum = Distributions.cumulative(weights);
    }

    int draw(SplittableRandom rng) {
        return values[Distributions.pick(cum, rng)];
    }

    static int drawHuge(SplittableRandom rng) {
        return HUGE[rng.nextInt(HUGE.length)];
    }
}
