package io.retailseg.generate;

import java.util.SplittableRandom;

/**
 * The non-product lines of the real file, with their real descriptions and typical prices.
 * Counts in the real file: POST 1,256 (89% non-UK customers), DOT 710 (98% without customer,
 * median 184.94), M 571 (43% cancellations), C2 144 (50.00, mostly non-UK), D 77 (all
 * cancellations), BANK CHARGES 37, CRUK 16 (all cancellations), PADS 4 (0.001).
 */
enum ServiceLine {
    POSTAGE("POST", "POSTAGE"),
    DOTCOM_POSTAGE("DOT", "DOTCOM POSTAGE"),
    MANUAL("M", "Manual"),
    CARRIAGE("C2", "CARRIAGE"),
    DISCOUNT("D", "Discount"),
    BANK_CHARGES("BANK CHARGES", "Bank Charges"),
    CRUK_COMMISSION("CRUK", "CRUK Commission"),
    PADS("PADS", "PADS TO MATCH ALL CUSHIONS");

    /** Postage prices (thousandths of a GBP) and how often each occurs. */
    private static final int[] POSTAGE_PRICES = {18_000, 15_000, 28_000, 40_000, 5_000};
    private static final double[] POSTAGE_CUM = Distributions.cumulative(new double[] {70, 10, 5, 10, 5});

    final String stockCode;
    final String description;

    ServiceLine(String stockCode, String description) {
        this.stockCode = stockCode;
        this.description = description;
    }

    /** A price for one line of this kind, in thousandths of a GBP. */
    int drawPrice(SplittableRandom rng) {
        return switch (this) {
            case POSTAGE -> POSTAGE_PRICES[Distributions.pick(POSTAGE_CUM, rng)];
            case DOTCOM_POSTAGE -> ProductCatalog.nicePrice(Distributions.logNormal(rng, 185_000, 0.8));
            case MANUAL -> ProductCatalog.nicePrice(Math.min(1_000_000, Distributions.logNormal(rng, 2_500, 1.3)));
            case CARRIAGE -> 50_000;
            case DISCOUNT -> ProductCatalog.nicePrice(Distributions.logNormal(rng, 23_000, 1.0));
            case BANK_CHARGES -> rng.nextInt(10) < 6 ? 15_000 : ProductCatalog.nicePrice(Distributions.logNormal(rng, 80_000, 1.0));
            case CRUK_COMMISSION -> ProductCatalog.nicePrice(Distributions.logNormal(rng, 470_000, 0.8));
            case PADS -> 1;
        };
    }
}
