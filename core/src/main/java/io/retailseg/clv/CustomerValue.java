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

    /**
     * Above this many customers a fit first runs on an evenly spaced sample of {@link #WARM_START_SAMPLE}
     * of them, and the fit on all starts from its parameters: the same maximum in a fraction of the
     * evaluations over all customers.
     */
    static final int WARM_START_ABOVE = 100_000;
    static final int WARM_START_SAMPLE = 50_000;
    /** BOBYQA's first trust-region radius (log parameters) from a sample's fit. */
    static final double WARM_RADIUS = 0.05;

    /** Every k-th history, k chosen so that about {@link #WARM_START_SAMPLE} remain. */
    private static List<RepeatHistory> sample(List<RepeatHistory> customers) {
        int step = Math.max(1, customers.size() / WARM_START_SAMPLE);
        List<RepeatHistory> out = new java.util.ArrayList<>(customers.size() / step + 1);
        for (int i = 0; i < customers.size(); i += step) {
            out.add(customers.get(i));
        }
        return out;
    }

    /** BG/NBD by maximum likelihood from r = alpha = a = b = 1 (or from a sample's fit, above 100,000 customers). */
    public static Fit<BgNbd> fitBgNbd(List<RepeatHistory> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD needs at least one customer");
        }
        return fit(customers, new double[] {1, 1, 1, 1}, v -> new BgNbd(v[0], v[1], v[2], v[3]),
                (m, table) -> m.logLikelihood(table), BgNbd::toArray);
    }

    /** Gamma-Gamma by maximum likelihood on the customers with a repeat purchase and a positive mean spend. */
    public static Fit<GammaGamma> fitGammaGamma(List<RepeatHistory> customers) {
        List<RepeatHistory> repeat = customers.stream().filter(h -> h.frequency() > 0 && h.meanRepeatSpend() > 0)
                .toList();
        if (repeat.isEmpty()) {
            throw new IllegalArgumentException("Gamma-Gamma needs at least one customer with a repeat purchase");
        }
        return fit(repeat, new double[] {1, 1, 1}, v -> new GammaGamma(v[0], v[1], v[2]),
                (m, table) -> m.logLikelihood(table), GammaGamma::toArray);
    }

    /**
     * One model by maximum likelihood from {@code start}, or, above {@link #WARM_START_ABOVE} customers, from
     * the fit on a sample of them.
     *
     * @param model the model of given (positive) parameters
     * @param logLikelihood the model's log-likelihood of a packed table
     * @param parameters the model's parameters, in the order {@code model} takes them
     */
    private static <M> Fit<M> fit(List<RepeatHistory> customers, double[] start,
                                  java.util.function.Function<double[], M> model,
                                  java.util.function.ToDoubleBiFunction<M, HistoryTable> logLikelihood,
                                  java.util.function.Function<M, double[]> parameters) {
        int warmUp = 0;
        if (customers.size() > WARM_START_ABOVE) {
            Fit<M> first = fit(sample(customers), start, model, logLikelihood, parameters);
            start = parameters.apply(first.model());
            warmUp = first.evaluations();
        }
        HistoryTable table = HistoryTable.of(customers);
        MaximumLikelihood.Result r = MaximumLikelihood.maximise(
                v -> logLikelihood.applyAsDouble(model.apply(v), table), start, warmUp > 0 ? WARM_RADIUS : 0.5);
        return new Fit<>(model.apply(r.parameters()), r.logLikelihood(), r.standardErrors(), warmUp + r.evaluations(),
                r.converged(), customers.size());
    }
}
