package io.retailseg.clv;

/**
 * One customer's purchase history as the BG/NBD and Gamma-Gamma models read it (Fader, Hardie and Lee
 * 2005), time in days: {@code frequency} x = the number of repeat purchase days (distinct days with a
 * purchase, minus the first), {@code recency} t<sub>x</sub> = days from the first to the last purchase
 * day, {@code age} T = days from the first purchase day to the end of the observation period, and
 * {@code meanRepeatSpend} = the mean spend of the repeat purchase days (0 when x = 0).
 */
public record RepeatHistory(int frequency, double recency, double age, double meanRepeatSpend) {
    public RepeatHistory {
        if (frequency < 0 || !(recency >= 0) || !(age >= recency) || !Double.isFinite(age)
                || !(meanRepeatSpend >= 0) || !Double.isFinite(meanRepeatSpend)) {
            throw new IllegalArgumentException("a repeat history needs frequency >= 0 and 0 <= recency <= age,"
                    + " finite, and a mean spend >= 0; found x = " + frequency + ", t_x = " + recency + ", T = " + age
                    + ", m = " + meanRepeatSpend);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("recency must be 0 without a repeat purchase, found " + recency);
        }
    }

    /** The sum of {@code f} over the customers, in list order (a model's log-likelihood). */
    static double sum(java.util.List<RepeatHistory> customers, java.util.function.ToDoubleFunction<RepeatHistory> f) {
        double sum = 0;
        for (RepeatHistory h : customers) {
            sum += f.applyAsDouble(h);
        }
        return sum;
    }
}
