package io.retailseg.clv;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 by its power series, summed until
 * a term no longer changes the sum (at most {@link #MAX_TERMS} terms). Where BG/NBD needs it, a, b and c
 * are positive and z = t / (alpha + T + t) < 1, so every term is positive and the series converges
 * (for a horizon t of 90 days and a customer first seen a year before, z is below 0.2). For z above 0.5
 * with c - a - b < 0, where the plain series would need many terms, Euler's transformation
 * 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) is used when c - a and c - b are positive
 * (its terms are then positive too and fall off faster). Checked against scipy's {@code hyp2f1}.
 */
final class Hypergeometric {
    static final int MAX_TERMS = 100_000;

    private Hypergeometric() {
    }

    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 needs 0 <= z < 1, found " + z);
        }
        if (z > 0.5 && c - a - b < 0 && c - a > 0 && c - b > 0) {
            return Math.pow(1 - z, c - a - b) * series(c - a, c - b, c, z);
        }
        return series(a, b, c, z);
    }

    /**
     * ln 2F1(a, b; c; z) for positive a, b, c and 0 <= z < 1: the series summed in plain arithmetic (one
     * multiplication a term: a customer's prediction takes a few of these) and rescaled by 2^-900 whenever
     * the sum passes 2^900, so that it stays finite when 2F1 itself overflows a double (thousands of repeat
     * purchases); the scale is added back as a logarithm.
     */
    static double logF21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 needs 0 <= z < 1, found " + z);
        }
        if (z == 0) {
            return 0;
        }
        double term = 1;
        double sum = 1;
        double logScale = 0;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
            if (sum > RESCALE_ABOVE) {
                sum *= RESCALE;
                term *= RESCALE;
                logScale += LOG_RESCALE_ABOVE;
            }
        }
        return Math.log(sum) + logScale;
    }

    private static final double RESCALE_ABOVE = 0x1p900;
    private static final double RESCALE = 0x1p-900;
    private static final double LOG_RESCALE_ABOVE = 900 * Math.log(2);

    private static double series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum) {
                return sum;
            }
            sum = next;
        }
        return sum;
    }
}
