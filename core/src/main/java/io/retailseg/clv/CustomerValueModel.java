package io.retailseg.clv;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fitted customer-value models and what they are asked (docs/definitions.md section 9): BG/NBD for
 * purchases and, when it could be fitted, Gamma-Gamma for spend per purchase day; the horizon H of the
 * predictions in days and the annual discount rate of the lifetime value; the day the training
 * observation ended (T is counted to it).
 *
 * <p>Per customer ({@link #predict}): P(alive), the expected purchase days in the next H days, the
 * expected spend of a purchase day, and the expected value of the next H days: the expected spend of a
 * purchase day times the expected purchase days of each 30-day step (the last step shorter when H is not
 * a multiple of 30), each discounted to today at the annual rate, compounded daily over its end day:
 * sum over steps k of (E[Y(t<sub>k</sub>)] - E[Y(t<sub>k-1</sub>)]) / (1 + rate)^(t<sub>k</sub> / 365).
 *
 * @param observationEnd the last day of the training lines (T is counted to it)
 * @param horizonDays H
 * @param annualDiscountRate the yearly rate the value of later purchases is discounted by
 * @param bgNbd the purchase model
 * @param gammaGamma the spend model; empty when it could not be fitted (see {@link #why})
 * @param why why the spend model is missing, or empty
 */
public record CustomerValueModel(LocalDate observationEnd, int horizonDays, double annualDiscountRate,
                                 CustomerValue.Fit<BgNbd> bgNbd, Optional<CustomerValue.Fit<GammaGamma>> gammaGamma,
                                 Optional<String> why) {
    /** Length of the steps the lifetime value is discounted in. */
    public static final int STEP_DAYS = 30;

    public CustomerValueModel {
        Objects.requireNonNull(observationEnd, "observation_end");
        Objects.requireNonNull(bgNbd, "bg_nbd");
        Objects.requireNonNull(gammaGamma, "gamma_gamma");
        Objects.requireNonNull(why, "why");
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizon_days: expected a whole number of days >= 1, found " + horizonDays);
        }
        if (!(annualDiscountRate >= 0 && annualDiscountRate < 10)) {
            throw new IllegalArgumentException("annual_discount_rate: expected a rate in [0, 10), found "
                    + annualDiscountRate);
        }
    }

    /**
     * One customer's predictions; NaN where the model cannot say (e.g. no spend model).
     *
     * @param probabilityAlive P(alive | x, t<sub>x</sub>, T)
     * @param expectedPurchases expected purchase days in the next H days
     * @param expectedOrderValue expected spend of one purchase day
     * @param expectedValue expected spend of the next H days, discounted
     */
    public record Prediction(double probabilityAlive, double expectedPurchases, double expectedOrderValue,
                             double expectedValue) {
        public static final Prediction NONE = new Prediction(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** The four values in the order of the columns that hold them (customers.csv's last four). */
        public double[] values() {
            return new double[] {probabilityAlive, expectedPurchases, expectedOrderValue, expectedValue};
        }
    }

    public Prediction predict(RepeatHistory h) {
        BgNbd purchases = bgNbd.model();
        double alive = purchases.probabilityAlive(h);
        double expected = purchases.expectedPurchases(h, horizonDays);
        double orderValue = gammaGamma.map(g -> g.model().expectedSpend(h)).orElse(Double.NaN);
        if (!(orderValue > 0) || !Double.isFinite(orderValue)) {
            orderValue = Double.NaN;
        }
        double discounted = 0;
        double before = 0;
        for (int end = Math.min(STEP_DAYS, horizonDays); ; end = Math.min(end + STEP_DAYS, horizonDays)) {
            double upTo = end == horizonDays ? expected : purchases.expectedPurchases(h, end);
            discounted += (upTo - before) / Math.pow(1 + annualDiscountRate, end / 365.0);
            before = upTo;
            if (end == horizonDays) {
                break;
            }
        }
        return new Prediction(alive, expected, orderValue, orderValue * discounted);
    }

    /**
     * Fits both models on the histories, observed to {@code observationEnd}.
     *
     * @return empty, with the reason, when BG/NBD cannot be fitted: fewer than two customers, or nobody
     *     bought on a second day (the drop-out process is then not identified)
     */
    public static Fitted fit(List<RepeatHistory> histories, LocalDate observationEnd, int horizonDays,
                             double annualDiscountRate) {
        long repeat = histories.stream().filter(h -> h.frequency() > 0).count();
        if (histories.size() < 2 || repeat == 0) {
            return new Fitted(Optional.empty(), Optional.of(histories.size() < 2
                    ? "fewer than two customers with a purchase"
                    : "no customer bought on a second day: BG/NBD's drop-out cannot be estimated"));
        }
        CustomerValue.Fit<BgNbd> purchases = CustomerValue.fitBgNbd(histories);
        long spenders = histories.stream().filter(h -> h.frequency() > 0 && h.meanRepeatSpend() > 0).count();
        Optional<CustomerValue.Fit<GammaGamma>> spend = Optional.empty();
        Optional<String> why = Optional.empty();
        if (spenders < 2) {
            why = Optional.of("fewer than two customers with a repeat purchase of positive spend");
        } else {
            CustomerValue.Fit<GammaGamma> g = CustomerValue.fitGammaGamma(histories);
            if (g.model().q() > 1) {
                spend = Optional.of(g);
            } else {
                why = Optional.of("Gamma-Gamma's q = " + g.model().q()
                        + " <= 1: the population's mean spend per purchase is not finite");
            }
        }
        return new Fitted(Optional.of(new CustomerValueModel(observationEnd, horizonDays, annualDiscountRate, purchases,
                spend, why)), Optional.empty());
    }

    /** A fitted model, or why there is none. */
    public record Fitted(Optional<CustomerValueModel> model, Optional<String> why) {
    }
}
