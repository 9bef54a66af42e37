package io.retailseg.features;

/** Compensated summation (Kahan 1965), as pandas uses for grouped sums. */
final class KahanSum {
    private double sum;
    private double compensation;

    void add(double x) {
        double y = x - compensation;
        double t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }

    double value() {
        return sum;
    }

    /** The compensated sum of {@code terms}, in their order. */
    static double of(double[] terms) {
        KahanSum sum = new KahanSum();
        for (double x : terms) {
            sum.add(x);
        }
        return sum.value();
    }
}
