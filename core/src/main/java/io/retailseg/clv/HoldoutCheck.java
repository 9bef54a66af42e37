package io.retailseg.clv;

import io.retailseg.domain.Transactions;
import java.util.ArrayList;
import java.util.List;

/**
 * Does BG/NBD (with Gamma-Gamma for spend) predict a later period? Fits on the purchase histories before a
 * split, predicts each customer's purchase days and spend over the hold-out's length, and compares with
 * what they did, against two baselines: the customer's own past rate carried forward (repeat purchase
 * days per day since their first purchase; their repeat spend per day for spend) and the population's mean
 * rate (the same for everyone).
 */
public final class HoldoutCheck {
    private HoldoutCheck() {
    }

    /** Errors of one predictor over the customers: mean absolute, root mean square, and the totals. */
    public record Errors(String predictor, double mae, double rmse, double totalPredicted, double totalActual) {
    }

    /** Mean predicted and actual purchases of the customers with {@code frequency} training repeat purchases. */
    public record Calibration(String frequency, int customers, double meanPredicted, double meanActual) {
    }

    /**
     * @param purchases BG/NBD, past rate and population rate, for purchase days
     * @param spend the same for spend
     * @param calibration by training frequency 0..6 and 7+, the model's mean prediction and the mean actual
     */
    public record Result(CustomerValue.Fit<BgNbd> bgNbd, CustomerValue.Fit<GammaGamma> gammaGamma, int customers,
                         double horizonDays, List<Errors> purchases, List<Errors> spend,
                         List<Calibration> calibration) {
    }

    /** Whether the models can be fitted on {@code before}, observed to {@code endDay}: a customer bought on a second day. */
    public static boolean fittable(Transactions before, long endDay) {
        java.util.List<RepeatHistory> h = RepeatHistories.of(before, endDay).histories();
        return h.size() >= 2 && h.stream().anyMatch(r -> r.frequency() > 0 && r.meanRepeatSpend() > 0);
    }

    /**
     * @param before cleaned lines before the split (the fit)
     * @param after cleaned lines from the split on (the hold-out)
     * @param splitDay epoch day of the first hold-out day
     * @param lastDay epoch day of the last hold-out day
     */
    public static Result run(Transactions before, Transactions after, long splitDay, long lastDay) {
        RepeatHistories.Result histories = RepeatHistories.of(before, splitDay - 1);
        List<RepeatHistory> h = histories.histories();
        double t = lastDay - splitDay + 1;
        double[][] actual = RepeatHistories.purchasesIn(after, histories.customerIds());
        CustomerValue.Fit<BgNbd> fit = CustomerValue.fitBgNbd(h);
        CustomerValue.Fit<GammaGamma> spendFit = CustomerValue.fitGammaGamma(h);
        int n = h.size();
        double[] model = new double[n];
        double[] own = new double[n];
        double[] population = new double[n];
        double[] modelSpend = new double[n];
        double[] ownSpend = new double[n];
        double[] populationSpend = new double[n];
        double repeatDays = 0;
        double age = 0;
        double repeatMoney = 0;
        for (RepeatHistory r : h) {
            repeatDays += r.frequency();
            age += r.age();
            repeatMoney += r.frequency() * r.meanRepeatSpend();
        }
        for (int i = 0; i < n; i++) {
            RepeatHistory r = h.get(i);
            model[i] = fit.model().expectedPurchases(r, t);
            own[i] = r.age() == 0 ? 0 : r.frequency() / r.age() * t;
            population[i] = repeatDays / age * t;
            modelSpend[i] = model[i] * spendFit.model().expectedSpend(r);
            ownSpend[i] = r.age() == 0 ? 0 : r.frequency() * r.meanRepeatSpend() / r.age() * t;
            populationSpend[i] = repeatMoney / age * t;
        }
        List<Errors> purchases = List.of(errors("bg_nbd", model, actual[0]), errors("past_rate", own, actual[0]),
                errors("population_rate", population, actual[0]));
        List<Errors> spend = List.of(errors("bg_nbd_gamma_gamma", modelSpend, actual[1]),
                errors("past_rate", ownSpend, actual[1]), errors("population_rate", populationSpend, actual[1]));
        List<Calibration> calibration = new ArrayList<>();
        for (int f = 0; f <= 7; f++) {
            int count = 0;
            double p = 0;
            double a = 0;
            for (int i = 0; i < n; i++) {
                int x = h.get(i).frequency();
                if (f < 7 ? x == f : x >= 7) {
                    count++;
                    p += model[i];
                    a += actual[0][i];
                }
            }
            calibration.add(new Calibration(f < 7 ? Integer.toString(f) : "7+", count, count == 0 ? 0 : p / count,
                    count == 0 ? 0 : a / count));
        }
        return new Result(fit, spendFit, n, t, purchases, spend, calibration);
    }

    private static Errors errors(String name, double[] predicted, double[] actual) {
        double abs = 0;
        double sq = 0;
        double tp = 0;
        double ta = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - actual[i];
            abs += Math.abs(d);
            sq += d * d;
            tp += predicted[i];
            ta += actual[i];
        }
        int n = Math.max(1, predicted.length);
        return new Errors(name, abs / n, Math.sqrt(sq / n), tp, ta);
    }
}
