package io.retailseg.clv;

import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model of repeat purchases (Fader, Hardie and Lee, "Counting your customers the easy way:
 * an alternative to the Pareto/NBD model", Marketing Science 2005): while alive a customer buys as a
 * Poisson process of rate lambda ~ Gamma(r, alpha); after each purchase they drop out with probability
 * p ~ Beta(a, b). Time is in days.
 *
 * @param r shape of the purchase rates
 * @param alpha scale of the purchase rates (days)
 * @param a first shape of the drop-out probability
 * @param b second shape of the drop-out probability
 */
public record BgNbd(double r, double alpha, double a, double b) {
    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r) || !Double.isFinite(alpha)
                || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite, found r = " + r
                    + ", alpha = " + alpha + ", a = " + a + ", b = " + b);
        }
    }

    /** The parameters as an array, in the order r, alpha, a, b. */
    public double[] toArray() {
        return new double[] {r, alpha, a, b};
    }

    /**
     * One customer's log-likelihood, equation (6) of the paper, with the sum of its two terms taken in log
     * space so that it is finite for any history (no repeat purchase, one-day histories, thousands of
     * repeat purchases):
     * ln L = A1 + A2 + ln(exp(A3) + [x > 0] exp(A4)), A1 = ln Gamma(r + x) - ln Gamma(r) + r ln alpha,
     * A2 = ln Gamma(a + b) + ln Gamma(b + x) - ln Gamma(b) - ln Gamma(a + b + x), A3 = -(r + x) ln(alpha + T),
     * A4 = ln a - ln(b + x - 1) - (r + x) ln(alpha + t<sub>x</sub>). A2 is taken as the sum over i < x of
     * ln(1 - a / (a + b + i)), the same quantity for whole x: the four log-gammas of a large b (the drop-out
     * probability near 0, which the fit on a shop's data can approach) would cancel to noise.
     */
    public double logLikelihood(RepeatHistory h) {
        int x = h.frequency();
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = 0;
        for (int i = 0; i < x; i++) {
            a2 += Math.log1p(-a / (a + b + i));
        }
        double a3 = -(r + x) * Math.log(alpha + h.age());
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + h.recency());
        double max = Math.max(a3, a4);
        return a1 + a2 + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
    }

    /** The sum of the customers' log-likelihoods. */
    public double logLikelihood(List<RepeatHistory> customers) {
        return RepeatHistory.sum(customers, this::logLikelihood);
    }

    /**
     * The same sum over a packed table, each log-gamma and logarithm taken once per distinct value of x,
     * t<sub>x</sub> or T (equal to the list's sum up to rounding): what the fit maximises.
     */
    double logLikelihood(HistoryTable t) {
        double constant = r * Math.log(alpha) - Gamma.logGamma(r);
        int nx = t.xValues.length;
        // A2 of every x up to the largest, as running sums of ln(1 - a / (a + b + i))
        double[] a2 = new double[t.maxX + 1];
        for (int i = 0; i < t.maxX; i++) {
            a2[i + 1] = a2[i] + Math.log1p(-a / (a + b + i));
        }
        double[] head = new double[nx];
        double[] dropout = new double[nx];
        for (int i = 0; i < nx; i++) {
            int x = t.xValues[i];
            head[i] = constant + Gamma.logGamma(r + x) + a2[x];
            dropout[i] = x == 0 ? 0 : Math.log(a) - Math.log(b + x - 1);
        }
        double[] logAge = logsPlusAlpha(t.ageValues);
        double[] logRecency = logsPlusAlpha(t.recencyValues);
        return t.sumOverRows((from, to) -> {
            double sum = 0;
            for (int row = from; row < to; row++) {
                int xi = t.xIndex[row];
                int x = t.xValues[xi];
                double rx = r + x;
                double a3 = -rx * logAge[t.ageIndex[row]];
                double ll;
                if (x == 0) {
                    ll = head[xi] + a3;
                } else {
                    double a4 = dropout[xi] - rx * logRecency[t.recencyIndex[row]];
                    double max = Math.max(a3, a4);
                    ll = head[xi] + max + Math.log1p(Math.exp(Math.min(a3, a4) - max));
                }
                sum += t.count[row] * ll;
            }
            return sum;
        });
    }

    private double[] logsPlusAlpha(double[] days) {
        double[] out = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            out[i] = Math.log(alpha + days[i]);
        }
        return out;
    }

    /**
     * P(alive | x, t<sub>x</sub>, T), equation (A10) (1 for a customer without repeat purchase, whom the
     * model cannot see drop out): 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t<sub>x</sub>))^(r + x)),
     * the power taken in log space.
     */
    public double probabilityAlive(RepeatHistory h) {
        int x = h.frequency();
        if (x == 0) {
            return 1;
        }
        double log = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + h.age()) - Math.log(alpha + h.recency()));
        return log > 700 ? 0 : 1 / (1 + Math.exp(log));
    }

    /**
     * E[Y(t) | x, t<sub>x</sub>, T]: expected purchases in the next {@code t} days, equation (10):
     * (a + b + x - 1) / (a - 1) (1 - ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1;
     * t / (alpha + T + t))) P(alive), with P(alive) as {@link #probabilityAlive}; the same expression as the
     * paper's and the lifetimes library's, for any a.
     */
    public double expectedPurchases(RepeatHistory h, double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("the horizon must be >= 0 days, found " + t);
        }
        if (t == 0) {
            return 0;
        }
        double alive = probabilityAlive(h);
        if (alive == 0) {
            return 0;
        }
        int x = h.frequency();
        double z = t / (alpha + h.age() + t);
        // ((alpha + T) / (alpha + T + t))^(r + x) 2F1(...) = (1 - z)^(r + x) 2F1(...), in log space: either
        // factor alone can overflow or underflow for large x
        double logProduct = (r + x) * Math.log1p(-z) + Hypergeometric.logF21(r + x, b + x, a + b + x - 1, z);
        double head = (a + b + x - 1) / (a - 1);
        return head * (1 - Math.exp(logProduct)) * alive;
    }

    /** E[X(t)] for a new customer: expected purchases in their first t days, equation (9). */
    public double expectedPurchasesOfANewCustomer(double t) {
        double z = t / (alpha + t);
        return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric.f21(r, b, a + b - 1, z));
    }
}
