package io.retailseg.features;

/** Small descriptive statistics over a customer's monthly spend. */
final class FeatureStats {
    private FeatureStats() {
    }

    static double mean(double[] x) {
        KahanSum s = new KahanSum();
        for (double v : x) {
            s.add(v);
        }
        return s.value() / x.length;
    }

    /** Sample standard deviation (n - 1), two-pass. */
    static double sampleStd(double[] x) {
        double mean = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /**
     * Least-squares slope of {@code y} against 0, 1, 2, ... (scipy's {@code linregress(arange(n), y)}
     * slope): sum((x - mean x)(y - mean y)) / sum((x - mean x)^2).
     */
    static double slopeAgainstIndex(double[] y) {
        int n = y.length;
        double meanX = (n - 1) / 2.0;
        double meanY = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanX;
            sxy += dx * (y[i] - meanY);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
