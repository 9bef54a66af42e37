package io.retailseg.clv;

import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The customer-value predictions of a table of customers, one entry per customer in the table's order;
 * NaN for a customer the models say nothing about (only cancellations, or no model).
 */
public record CustomerValues(double[] probabilityAlive, double[] expectedPurchases, double[] expectedOrderValue,
                             double[] expectedValue) {

    /** The models fitted on a run's lines and their predictions for its customers. */
    public record Estimate(Optional<CustomerValueModel> model, Optional<String> why, CustomerValues values) {
    }

    /** No prediction for any of {@code n} customers. */
    public static CustomerValues none(int n) {
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        return new CustomerValues(nan, nan.clone(), nan.clone(), nan.clone());
    }

    public int size() {
        return probabilityAlive.length;
    }

    public CustomerValueModel.Prediction at(int i) {
        return new CustomerValueModel.Prediction(probabilityAlive[i], expectedPurchases[i], expectedOrderValue[i],
                expectedValue[i]);
    }

    /**
     * Fits the models on the cleaned lines, observed to {@code endDay}, and predicts every customer of
     * {@code customerIds}.
     *
     * @param groups the lines' customer groups ({@link CustomerGroups#of})
     * @param customerIds the customers to predict, in the order of the result
     */
    public static Estimate estimate(Transactions lines, CustomerGroups groups, long[] customerIds, long endDay,
                                    int horizonDays, double annualDiscountRate) {
        return estimate(lines, groups, customerIds, endDay, horizonDays, annualDiscountRate, 1);
    }

    /**
     * As {@link #estimate(Transactions, CustomerGroups, long[], long, int, double)}, the customers' histories
     * taken on up to {@code threads} threads (the result does not depend on them).
     */
    public static Estimate estimate(Transactions lines, CustomerGroups groups, long[] customerIds, long endDay,
                                    int horizonDays, double annualDiscountRate, int threads) {
        return estimate(RepeatHistories.of(lines, groups, endDay, threads), customerIds, endDay, horizonDays,
                annualDiscountRate);
    }

    /**
     * As {@link #estimate(Transactions, CustomerGroups, long[], long, int, double)}, from the customers'
     * histories already computed (e.g. by Spark's executors with {@link RepeatHistories#history}).
     */
    public static Estimate estimate(RepeatHistories.Result histories, long[] customerIds, long endDay, int horizonDays,
                                    double annualDiscountRate) {
        CustomerValueModel.Fitted fitted = CustomerValueModel.fit(histories.histories(), LocalDate.ofEpochDay(endDay),
                horizonDays, annualDiscountRate);
        if (fitted.model().isEmpty()) {
            return new Estimate(Optional.empty(), fitted.why(), none(customerIds.length));
        }
        return new Estimate(fitted.model(), fitted.model().get().why(),
                predict(fitted.model().get(), histories, customerIds));
    }

    /** The model's predictions for {@code customerIds} from their histories (NaN for a customer without one). */
    public static CustomerValues predict(CustomerValueModel model, RepeatHistories.Result histories,
                                         long[] customerIds) {
        CustomerValues out = none(customerIds.length);
        long[] known = histories.customerIds();
        for (int i = 0; i < customerIds.length; i++) {
            int h = Arrays.binarySearch(known, customerIds[i]);
            if (h < 0) {
                continue;
            }
            CustomerValueModel.Prediction p = model.predict(histories.histories().get(h));
            out.probabilityAlive[i] = p.probabilityAlive();
            out.expectedPurchases[i] = p.expectedPurchases();
            out.expectedOrderValue[i] = p.expectedOrderValue();
            out.expectedValue[i] = p.expectedValue();
        }
        return out;
    }
}
