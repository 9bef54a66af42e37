package io.retailseg.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Small sampling helpers over a caller-owned {@link SplittableRandom}; no state of their own. */
final class Distributions {

    private Distributions() {}

    /** A standard normal variate (Box-Muller; one of the pair is discarded to stay stateless). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Log-normal with the given median and log-sigma. */
    static double logNormal(SplittableRandom rng, double median, double sigma) {
        return median * Math.exp(sigma * gaussian(rng));
    }

    /** Pareto with minimum 1 and tail index {@code alpha} (heavier tail for smaller alpha). */
    static double pareto(SplittableRandom rng, double alpha) {
        return Math.pow(1.0 - rng.nextDouble(), -1.0 / alpha);
    }

    /** Normalised cumulative sums of non-negative weights; the last entry is exactly 1. */
    static double[] cumulative(double[] weights) {
        double[] cum = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            cum[i] = total;
        }
        for (int i = 0; i < cum.length; i++) {
            cum[i] /= total;
        }
        cum[cum.length - 1] = 1.0;
        return cum;
    }

    /** Index drawn from a table built by {@link #cumulative}. */
    static int pick(double[] cum, SplittableRandom rng) {
        double u = rng.nextDouble();
        int i = Arrays.binarySearch(cum, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cum.length - 1);
    }

    /** Geometric count >= 0 with the given mean. */
    static int geometric(SplittableRandom rng, double mean) {
        double p = 1.0 / (1.0 + mean);
        return (int) Math.floor(Math.log(1.0 - rng.nextDouble()) / Math.log(1.0 - p));
    }
}
