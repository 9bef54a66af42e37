package io.retailseg.clv;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Customers drawn from the BG/NBD and Gamma-Gamma generative processes with known parameters, for the
 * parameter-recovery tests and the fitting benchmark: each customer gets a purchase rate lambda ~
 * Gamma(r, alpha), a drop-out probability p ~ Beta(a, b) and a spend rate nu ~ Gamma(q, gamma); from
 * their first purchase at time 0 they buy at the Poisson rate lambda until the end of their observation,
 * dropping out after each purchase with probability p; each repeat purchase's value is Gamma(p, nu).
 */
public final class SimulatedHistories {
    private SimulatedHistories() {
    }

    /**
     * @param observedDays how long each customer is observed after their first purchase (T), at most
     * @param firstDaySpread 0: every customer is observed {@code observedDays}; above 0, customers join
     *     uniformly over this many days before the end, so T = observedDays - U(0, spread)
     * @param wholeDays whether times are counted in whole days (as purchase days are: several purchases
     *     on one day are one), else continuous
     */
    public static List<RepeatHistory> of(BgNbd purchases, GammaGamma spend, int customers, double observedDays,
                                         double firstDaySpread, boolean wholeDays, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(rng, purchases.r(), 1 / purchases.alpha());
        BetaDistribution dropOut = new BetaDistribution(rng, purchases.a(), purchases.b());
        GammaDistribution spendRates = new GammaDistribution(rng, spend.q(), 1 / spend.gamma());
        List<RepeatHistory> out = new ArrayList<>(customers);
        for (int c = 0; c < customers; c++) {
            double lambda = rates.sample();
            double dies = dropOut.sample();
            double nu = spendRates.sample();
            double observed = firstDaySpread > 0 ? observedDays - rng.nextDouble() * firstDaySpread : observedDays;
            if (wholeDays) {
                observed = Math.floor(observed);
            }
            double time = 0;
            double last = 0;
            int x = 0;
            double spent = 0;
            while (true) {
                time += -Math.log(1 - rng.nextDouble()) / lambda;
                if (time > observed) {
                    break;
                }
                double at = wholeDays ? Math.floor(time) : time;
                double value = sample(rng, spend.p(), nu);
                if (wholeDays && at == 0) {
                    // on the first purchase's day: part of the first purchase, whose spend the models leave out
                    continue;
                } else if (wholeDays && x > 0 && at == last) {
                    // another purchase on a repeat purchase day already counted: one purchase day, its spend added
                    spent += value;
                } else {
                    x++;
                    last = at;
                    spent += value;
                }
                if (rng.nextDouble() < dies) {
                    break;
                }
            }
            out.add(new RepeatHistory(x, last, observed, x == 0 ? 0 : spent / x));
        }
        return out;
    }

    private static double sample(RandomGenerator rng, double shape, double rate) {
        return new GammaDistribution(rng, shape, 1 / rate).sample();
    }
}
