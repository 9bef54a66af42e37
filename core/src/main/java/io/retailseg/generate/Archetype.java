package io.retailseg.generate;

/**
 * Kinds of customers, so that the segmentation has structure to find. Each customer belongs to one.
 *
 * <p>Parameters are calibrated so that the mix reproduces the real file: 4,372 customers, 90% of
 * them UK; invoices per customer median 3, mean 5, max ~250; lines per customer invoice median 15,
 * mean 21; quantities median 6 on customer lines.
 */
enum Archetype {
    /** UK wholesalers: frequent, large baskets, large pack quantities, many different products. */
    UK_WHOLESALER(0.07, 7.0, 21, 0.8, QuantityProfile.LARGE, 0.20, 0.45),
    /** Occasional UK gift buyers: a few invoices, small baskets, single units. */
    UK_GIFT_BUYER(0.42, 0.6, 7, 0.8, QuantityProfile.SMALL, 0.35, 0.2),
    /** Customers abroad (one non-UK country), medium frequency, medium packs, postage lines. */
    INTERNATIONAL(0.10, 1.1, 17, 0.7, QuantityProfile.MEDIUM, 0.30, 0.3),
    /** Customers who buy only in the first months, then never again. */
    LAPSED(0.26, 1.6, 11, 0.8, QuantityProfile.MEDIUM, 0.35, 0.25),
    /** Late-evening and Sunday shoppers, small baskets. */
    EVENING_WEEKEND(0.15, 1.0, 6, 0.8, QuantityProfile.SMALL, 0.40, 0.2);

    /** Share of the customer population. */
    final double populationShare;
    /** Scale of the (Pareto) activity weight: how many invoices relative to others. */
    final double activityScale;
    /** Median lines per invoice, and the log-sigma of that log-normal. */
    final double basketMedian;
    final double basketSigma;
    final QuantityProfile quantities;
    /** Probability that a line is one of the customer's favourite products (re-buying). */
    final double favouriteShare;
    /**
     * Mean cancellation propensity: relative weight with which a customer is chosen for a
     * cancellation invoice (wholesalers return most).
     */
    final double cancellationPropensity;

    Archetype(double populationShare, double activityScale, double basketMedian, double basketSigma,
              QuantityProfile quantities, double favouriteShare, double cancellationPropensity) {
        this.populationShare = populationShare;
        this.activityScale = activityScale;
        this.basketMedian = basketMedian;
        this.basketSigma = basketSigma;
        this.quantities = quantities;
        this.favouriteShare = favouriteShare;
        this.cancellationPropensity = cancellationPropensity;
    }
}
