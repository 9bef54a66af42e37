package io.retailseg.clv;

import java.util.List;

/**
 * Fits BG/NBD and Gamma-Gamma to customers' repeat histories by maximum likelihood
 * ({@link MaximumLikelihood}: BOBYQA on log parameters, standard errors from the observed information).
 */
public final class CustomerValue {
    private CustomerValue() {
    }

    /**
     * A fitted model with its log-likelihood, standard errors (same order as the parameters; NaN where the
     * observed information is not positive definite), the number of log-likelihood evaluations, whether the
     * optimiser converged, and the number of customers it was fitted on.
     */
    public record Fit<M>(M model, double logLikelihood, double[] standardErrors, int evaluations, boolean converged,
                         int customers) {
    }

    /** BG/NBD by maximum likelihood from r = alpha = a = b = 1. */
    public static Fit<BgNbd> fitBgNbd(List<RepeatHistory> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD needs at least one customer");
        }
        HistoryTable table = HistoryTable.of(customers);
        MaximumLikelihood.Result r = MaximumLikelihood.maximise(
                v -> new BgNbd(v[0], v[1], v[2], v[3]).logLikelihood(table), new double[] {1, 1, 1, 1});
        double[] v = r.parameters();
        return new Fit<>(new BgNbd(v[0], v[1], v[2], v[3]), r.logLikelihood(), r.standardErrors(), r.evaluations(),
                r.converged(), customers.size());
    }

    /** Gamma-Gamma by maximum likelihood on the customers with a repeat purchase and a positive mean spend. */
    public static Fit<GammaGamma> fitGammaGamma(List<RepeatHistory> customers) {
        List<RepeatHistory> repeat = customers.stream().filter(h -> h.frequency() > 0 && h.meanRepeatSpend() > 0)
                .toList();
        if (repeat.isEmpty()) {
            throw new IllegalArgumentException("Gamma-Gamma needs at least one customer with a repeat purchase");
        }
        HistoryTable table = HistoryTable.of(repeat);
        MaximumLikelihood.Result r = MaximumLikelihood.maximise(
                v -> new GammaGamma(v[0], v[1], v[2]).logLikelihood(table), new double[] {1, 1, 1});
        double[] v = r.parameters();
        return new Fit<>(new GammaGamma(v[0], v[1], v[2]), r.logLikelihood(), r.standardErrors(), r.evaluations(),
                r.converged(), repeat.size());
    }
}
