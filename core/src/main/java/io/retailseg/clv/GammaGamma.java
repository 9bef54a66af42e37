package io.retailseg.clv;

import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee, "RFM and CLV: using iso-value
 * curves for customer base analysis", JMR 2005; Fader and Hardie, "The Gamma-Gamma model of monetary
 * value", 2013): a customer's purchase values are Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers,
 * independent of the purchase process; fitted on customers with at least one repeat purchase, from x and
 * the mean m<sub>x</sub> of their repeat purchases.
 */
public record GammaGamma(double p, double q, double gamma) {
    public GammaGamma {
        if (!(p > 0 && q > 0 && gamma > 0) || !Double.isFinite(p) || !Double.isFinite(q) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite, found p = " + p
                    + ", q = " + q + ", gamma = " + gamma);
        }
    }

    public double[] toArray() {
        return new double[] {p, q, gamma};
    }

    /**
     * One repeat customer's log-likelihood (the 2013 note, equation 3, for the mean of x values):
     * ln Gamma(px + q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px - 1) ln m<sub>x</sub> + px ln x
     * - (px + q) ln(gamma + x m<sub>x</sub>). Customers without a repeat purchase, or with a mean of 0,
     * contribute nothing.
     */
    public double logLikelihood(RepeatHistory h) {
        int x = h.frequency();
        double m = h.meanRepeatSpend();
        if (x == 0 || m <= 0) {
            return 0;
        }
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + x * m);
    }

    public double logLikelihood(List<RepeatHistory> customers) {
        return RepeatHistory.sum(customers, this::logLikelihood);
    }

    /**
     * The same sum over a packed table's repeat customers, the log-gammas taken once per distinct x (equal to
     * the list's sum up to rounding): what the fit maximises.
     */
    double logLikelihood(HistoryTable t) {
        double constant = q * Math.log(gamma) - Gamma.logGamma(q);
        int nx = t.xValues.length;
        double[] head = new double[nx];
        for (int i = 0; i < nx; i++) {
            int x = t.xValues[i];
            double px = p * x;
            head[i] = x == 0 ? 0 : constant + Gamma.logGamma(px + q) - Gamma.logGamma(px) + px * Math.log(x);
        }
        return t.sumOverSpenders((from, to) -> {
            double sum = 0;
            for (int c = from; c < to; c++) {
                int xi = t.spendX[c];
                int x = t.xValues[xi];
                double px = p * x;
                sum += head[xi] + (px - 1) * t.spendLogMean[c] - (px + q) * Math.log(gamma + x * t.spendMean[c]);
            }
            return sum;
        });
    }

    /**
     * E[M | p, q, gamma, m<sub>x</sub>, x], the expected spend of a purchase: (p (gamma + x m<sub>x</sub>)) /
     * (p x + q - 1), which is a weighted mean of the population mean p gamma / (q - 1) and the customer's
     * own mean; for x = 0 the population mean (defined for q > 1).
     */
    public double expectedSpend(RepeatHistory h) {
        int x = h.frequency();
        double m = x == 0 ? 0 : h.meanRepeatSpend();
        return p * (gamma + x * m) / (p * x + q - 1);
    }
}
