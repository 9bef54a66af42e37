package io.retailseg.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed population of customers, held column-wise in primitive arrays whose size depends only
 * on the population (never on the number of lines written): archetype, id, country, activity,
 * active window, cancellation propensity, favourite products, and a small ring of recent purchases
 * that cancellations draw from.
 */
final class CustomerPopulation {

    /** Population at the real file's size: with heavy-tailed activity ~4,340 of them occur in 541,909 lines (real 4,372). */
    private static final double REFERENCE_POPULATION = 6_800;
    private static final double REFERENCE_ROWS = 541_909;
    /** Population grows sub-linearly with rows: denser buying, not only more buyers. */
    private static final double GROWTH_EXPONENT = 0.6;
    static final int MIN_POPULATION = 50;
    static final int MAX_POPULATION = 250_000;
    /** First CustomerID, as in the real file (12346..18287). */
    private static final int FIRST_ID = 12_346;
    /** Probability that the next id skips one (real: 4,372 ids over a range of 5,942). */
    private static final double ID_GAP_PROBABILITY = 0.36;
    /** Pareto tail index of customer activity (real: invoices per customer median 3, max ~250). */
    private static final double ACTIVITY_ALPHA = 1.5;
    /** Activity is capped at this multiple of the archetype scale, to bound the heaviest customer. */
    private static final double ACTIVITY_CAP = 25;
    /** Share of non-lapsed customers who join later in the year (uniform start day). */
    private static final double LATE_JOINER_SHARE = 0.35;
    /** Lapsed customers stop between these calendar days (early January .. end of March). */
    private static final int LAPSE_FROM_DAY = 35;
    private static final int LAPSE_TO_DAY = 120;
    /** Share of customers who never cancel. */
    private static final double NEVER_CANCEL_SHARE = 0.5;
    static final double MAX_CANCELLATION_PROPENSITY = 0.6;
    /** Customers with a rare second country (real: 8 of 4,372). */
    private static final double SECOND_COUNTRY_SHARE = 0.005;
    /** Favourite products per customer, and recent purchases remembered for cancellations. */
    static final int FAVOURITES = 12;
    static final int RECENT = 8;

    static final String UK = "United Kingdom";
    /** Non-UK countries and their number of customers in the real file (EIRE's 3 buy a lot). */
    static final String[] FOREIGN = {
        "Germany", "France", "Spain", "Belgium", "Switzerland", "Portugal", "Italy", "Finland", "Norway",
        "Netherlands", "Austria", "Channel Islands", "Australia", "Sweden", "Denmark", "Japan", "Cyprus",
        "EIRE", "Poland", "Greece", "Israel", "Canada", "USA", "Unspecified", "Iceland", "Malta", "Singapore",
        "Lithuania", "United Arab Emirates", "Czech Republic", "Bahrain", "Brazil", "Lebanon",
        "European Community", "RSA", "Saudi Arabia"
    };
    private static final double[] FOREIGN_WEIGHTS = {
        95, 87, 29, 24, 20, 19, 15, 12, 10, 9, 9, 9, 9, 8, 8, 8, 8, 6, 6, 4, 4, 4, 4, 4, 1, 2, 1,
        1, 2, 1, 2, 1, 1, 1, 1, 1
    };

    private final int size;
    private final byte[] archetype;
    private final int[] id;
    /** Index into {@link #FOREIGN} or -1 for the UK. */
    private final short[] country;
    /** Like {@link #country}, or {@code Short.MIN_VALUE} for none. */
    private final short[] secondCountry;
    private final double[] activityCum;
    private final short[] firstDay;
    private final short[] lastDay;
    private final float[] cancellation;
    private final int[] favourites;
    private final int[] recentProduct;
    private final int[] recentQuantity;
    private final int[] recentPrice;
    private final byte[] recentCount;
    private final byte[] recentNext;
    private final boolean[] seen;

    CustomerPopulation(int size, ProductCatalog catalog, SplittableRandom rng) {
        this.size = size;
        archetype = new byte[size];
        id = new int[size];
        country = new short[size];
        secondCountry = new short[size];
        activityCum = new double[size];
        firstDay = new short[size];
        lastDay = new short[size];
        cancellation = new float[size];
        favourites = new int[size * FAVOURITES];
        recentProduct = new int[size * RECENT];
        recentQuantity = new int[size * RECENT];
        recentPrice = new int[size * RECENT];
        recentCount = new byte[size];
        recentNext = new byte[size];
        seen = new boolean[size];

        Archetype[] kinds = Archetype.values();
        double[] shares = new double[kinds.length];
        for (int a = 0; a < kinds.length; a++) {
            shares[a] = kinds[a].populationShare;
        }
        double[] archetypeCum = Distributions.cumulative(shares);
        double[] foreignCum = Distributions.cumulative(FOREIGN_WEIGHTS);
        int span = ShopCalendar.spanDays();
        int nextId = FIRST_ID;
        double total = 0;
        for (int c = 0; c < size; c++) {
            Archetype k = kinds[Distributions.pick(archetypeCum, rng)];
            archetype[c] = (byte) k.ordinal();
            id[c] = nextId;
            nextId += rng.nextDouble() < ID_GAP_PROBABILITY ? 2 : 1;
            country[c] = k == Archetype.INTERNATIONAL ? (short) Distributions.pick(foreignCum, rng) : -1;
            secondCountry[c] = rng.nextDouble() < SECOND_COUNTRY_SHARE
                    ? (short) Distributions.pick(foreignCum, rng) : Short.MIN_VALUE;
            if (secondCountry[c] == country[c]) {
                secondCountry[c] = Short.MIN_VALUE;
            }
            double activity = k.activityScale * Math.min(ACTIVITY_CAP, Distributions.pareto(rng, ACTIVITY_ALPHA));
            total += activity;
            activityCum[c] = total;
            if (k == Archetype.LAPSED) {
                firstDay[c] = 0;
                lastDay[c] = (short) (LAPSE_FROM_DAY + rng.nextInt(LAPSE_TO_DAY - LAPSE_FROM_DAY));
            } else {
                firstDay[c] = (short) (rng.nextDouble() < LATE_JOINER_SHARE ? rng.nextInt(span) : 0);
                lastDay[c] = (short) span;
            }
            cancellation[c] = rng.nextDouble() < NEVER_CANCEL_SHARE ? 0f
                    : (float) Math.min(MAX_CANCELLATION_PROPENSITY,
                            -Math.log(1.0 - rng.nextDouble()) * k.cancellationPropensity / (1 - NEVER_CANCEL_SHARE));
            for (int f = 0; f < FAVOURITES; f++) {
                favourites[c * FAVOURITES + f] = catalog.draw(k.ordinal(), rng);
            }
        }
        for (int c = 0; c < size; c++) {
            activityCum[c] /= total;
        }
        activityCum[size - 1] = 1.0;
    }

    /** Population size for a file of {@code rows} lines: ~5,000 at the real size, sub-linear, clamped. */
    static int populationFor(long rows) {
        double n = REFERENCE_POPULATION * Math.pow(Math.max(rows, 1) / REFERENCE_ROWS, GROWTH_EXPONENT);
        return (int) Math.max(MIN_POPULATION, Math.min(MAX_POPULATION, Math.round(n)));
    }

    /** A customer drawn by activity (not yet checked against the day: see {@link #activeOn}). */
    int draw(SplittableRandom rng) {
        int i = Arrays.binarySearch(activityCum, rng.nextDouble());
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, size - 1);
    }

    boolean activeOn(int c, int calendarDay) {
        return calendarDay >= firstDay[c] && calendarDay <= lastDay[c];
    }

    Archetype archetype(int c) {
        return Archetype.values()[archetype[c]];
    }

    int id(int c) {
        return id[c];
    }

    String country(int c, boolean second) {
        short k = second && secondCountry[c] != Short.MIN_VALUE ? secondCountry[c] : country[c];
        return k < 0 ? UK : FOREIGN[k];
    }

    boolean hasSecondCountry(int c) {
        return secondCountry[c] != Short.MIN_VALUE;
    }

    boolean isForeign(int c) {
        return country[c] >= 0;
    }

    double cancellationPropensity(int c) {
        return cancellation[c];
    }

    int favourite(int c, SplittableRandom rng) {
        return favourites[c * FAVOURITES + rng.nextInt(FAVOURITES)];
    }

    /** Remembers a purchase (overwriting the oldest when the ring is full). */
    void rememberPurchase(int c, int product, int quantity, int priceMils) {
        int slot = c * RECENT + recentNext[c];
        recentProduct[slot] = product;
        recentQuantity[slot] = quantity;
        recentPrice[slot] = priceMils;
        recentNext[c] = (byte) ((recentNext[c] + 1) % RECENT);
        if (recentCount[c] < RECENT) {
            recentCount[c]++;
        }
    }

    int recentCount(int c) {
        return recentCount[c];
    }

    int recentProduct(int c, int k) {
        return recentProduct[c * RECENT + k];
    }

    int recentQuantity(int c, int k) {
        return recentQuantity[c * RECENT + k];
    }

    int recentPrice(int c, int k) {
        return recentPrice[c * RECENT + k];
    }

    /** Marks {@code c} as occurring in the output; true the first time. */
    boolean markSeen(int c) {
        if (seen[c]) {
            return false;
        }
        seen[c] = true;
        return true;
    }
}
