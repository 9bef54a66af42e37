package io.retailseg.generate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A fixed catalogue of gift-shop products: stock code, upper-case description, prices, and a
 * Zipf-Mandelbrot popularity per archetype.
 *
 * <p>Calibration (real file): 4,070 stock codes, 27% of them with a letter suffix (colour variants
 * of one 5-digit base, {@code 85123A}); leading two digits mostly 22, 21, 23, 84, 90, 85, 20;
 * descriptions up to 35 characters; unit price quartiles 1.25 / 2.08 / 4.13; the top 10 codes
 * carry 3.2% of the lines and the top 100 carry 19%, which a Zipf law of exponent 1 gives with a
 * rank offset of about 60 ({@code p(r) ~ 1 / (r + 60)}).
 */
final class ProductCatalog {

    /** Regular products by default (service codes come on top). */
    static final int SIZE = 4_000;
    /** Smallest and largest catalogue: the archetype reshuffle needs 460 ranks; codes have room for ~150,000. */
    static final int MIN_SIZE = 500;
    static final int MAX_SIZE = 100_000;
    /** Zipf exponent of product popularity. */
    private static final double ZIPF_EXPONENT = 1.0;
    /** Zipf-Mandelbrot rank offset; 60 reproduces the real top-10 (3.2%) and top-100 (19%) shares. */
    private static final double ZIPF_OFFSET = 50;
    /** Share of 5-digit bases that come in letter variants (gives ~27% lettered codes). */
    private static final double VARIANT_BASE_SHARE = 0.12;
    /** Ranks that each archetype reshuffles locally, so segments have their own best sellers. */
    private static final int ARCHETYPE_RESHUFFLE_RANKS = 400;
    private static final int ARCHETYPE_RESHUFFLE_WINDOW = 60;
    /** Median base price in pence-thousandths (2.08 GBP) and its log-sigma. */
    private static final double PRICE_MEDIAN_MILS = 2_080;
    private static final double PRICE_SIGMA = 1.0;
    private static final int PRICE_MIN_MILS = 100;
    private static final int PRICE_MAX_MILS = 650_000;
    /** Quantity from which the wholesale price applies, and its discount. */
    static final int BULK_QUANTITY = 25;
    private static final double BULK_FACTOR = 0.85;
    /** Price on invoices without customer (the web shop's retail price) relative to the base. */
    private static final double RETAIL_FACTOR = 1.7;
    /** Real codes reserved for the service-like lines "Next Day Carriage" and "High Resolution Image". */
    static final int NEXT_DAY_CARRIAGE_CODE = 23444;
    static final int HIGH_RESOLUTION_IMAGE_CODE = 23702;

    private static final int[] PREFIXES = {22, 21, 23, 84, 90, 85, 20, 35, 72, 47, 16, 37, 79, 82, 17};
    private static final double[] PREFIX_WEIGHTS = {921, 660, 605, 427, 384, 246, 199, 102, 70, 63, 51, 50, 48, 34, 34};

    private static final String[] COLOURS = {
        "WHITE", "RED", "PINK", "BLUE", "GREEN", "IVORY", "CREAM", "BLACK", "SILVER", "GOLD",
        "PURPLE", "ORANGE", "YELLOW", "LILAC", "BROWN"
    };
    private static final String[] THEMES = {
        "RETROSPOT", "VINTAGE", "REGENCY", "WOODLAND", "SPACEBOY", "DOLLY GIRL", "PAISLEY", "POLKADOT",
        "HEART", "CHRISTMAS", "JUMBO", "FRENCH", "SKULL", "ROSE", "BIRD", "OWL", "LOVE", "ENGLISH ROSE",
        "SWEETHEART", "BAROQUE", "ZINC", "GLASS", "WOODEN", "ENAMEL", "HANGING", "ANTIQUE", "FAIRY",
        "PANTRY", "ALPINE", "DOILY", "STRAWBERRY", "CHERRY", "PARISIENNE", "SCANDINAVIAN", "FLORAL",
        "HEN HOUSE", "SPOTTY", "STRIPE", "GINGHAM", "MOROCCAN", "ORIENTAL", "LONDON", "TOADSTOOL"
    };
    private static final String[] NOUNS = {
        "T-LIGHT HOLDER", "CAKE CASES", "LUNCH BOX", "MUG", "TEACUP AND SAUCER", "CUSHION COVER",
        "HOT WATER BOTTLE", "BUNTING", "CAKESTAND 3 TIER", "STORAGE JAR", "PHOTO FRAME", "DOORMAT",
        "NOTEBOOK", "CANDLE", "WALL CLOCK", "JUMBO BAG", "SHOPPER BAG", "GIFT WRAP", "PARTY BAGS",
        "NAPKINS", "PAPER CHAIN KIT", "DRAWER KNOB", "COAT RACK", "DECORATION", "ORNAMENT",
        "SNACK BOXES", "PLATE", "BOWL", "TRAY", "TOILET ROLL HOLDER", "WATERING CAN", "PURSE",
        "KEY RING", "BRACELET", "NECKLACE", "CHARM", "METAL SIGN", "RIBBONS", "BALLOONS", "GLOVES",
        "UMBRELLA", "APRON", "OVEN GLOVE", "TEA TOWELS", "LANTERN", "PLANT POT", "GARDEN MARKER",
        "CHOPPING BOARD", "MIRROR", "CLOCK", "COASTERS", "EGG CUP", "JUG", "BIRDHOUSE", "WREATH",
        "STICKERS", "PENCILS", "ERASER", "MAGNET", "DOOR STOP", "TISSUES", "BEAKER", "CANDLE POT"
    };
    private static final String[] PACKS = {
        "SET OF 3 ", "SET OF 4 ", "SET OF 6 ", "PACK OF 12 ", "PACK OF 60 ", "SET/6 ", "SET OF 20 "
    };
    private static final int MAX_DESCRIPTION = 35;

    private final String[] code;
    private final String[] description;
    private final int[] basePrice;
    private final int[] bulkPrice;
    private final int[] retailPrice;
    private final double[] rankCum;
    /** byArchetype[a][rank] = product index. */
    private final int[][] byArchetype;
    private final int size;

    ProductCatalog(SplittableRandom rng) {
        this(SIZE, rng);
    }

    /**
     * A catalogue of {@code size} products. Up to {@value #SIZE} the stock codes have 5 digits as in
     * the real file (2-digit prefix + 3 digits); larger catalogues widen the part after the prefix
     * (4 digits up to 15,000 products, 5 digits above) so that each prefix has room for its share.
     * The default size draws exactly the same random numbers as before the size was configurable.
     */
    ProductCatalog(int size, SplittableRandom rng) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("products: expected " + MIN_SIZE + ".." + MAX_SIZE + ", found " + size);
        }
        this.size = size;
        int baseRange = size <= 4_000 ? 1_000 : size <= 15_000 ? 10_000 : 100_000;
        code = new String[size];
        description = new String[size];
        basePrice = new int[size];
        bulkPrice = new int[size];
        retailPrice = new int[size];
        double[] prefixCum = Distributions.cumulative(PREFIX_WEIGHTS);
        // HashSets are used for membership only, never iterated: iteration order cannot leak.
        Set<Integer> usedBases = new HashSet<>();
        usedBases.add(NEXT_DAY_CARRIAGE_CODE);
        usedBases.add(HIGH_RESOLUTION_IMAGE_CODE);
        Set<String> usedDescriptions = new HashSet<>();
        int p = 0;
        while (p < size) {
            int base;
            do {
                base = PREFIXES[Distributions.pick(prefixCum, rng)] * baseRange + rng.nextInt(baseRange);
            } while (!usedBases.add(base));
            int variants = rng.nextDouble() < VARIANT_BASE_SHARE ? 2 + rng.nextInt(3) : 1;
            variants = Math.min(variants, size - p);
            String pack = rng.nextInt(6) == 0 ? PACKS[rng.nextInt(PACKS.length)] : "";
            String theme = THEMES[rng.nextInt(THEMES.length)];
            String noun = NOUNS[rng.nextInt(NOUNS.length)];
            int colour0 = rng.nextInt(COLOURS.length);
            boolean withColour = variants > 1 || rng.nextInt(3) == 0;
            int price = Math.max(PRICE_MIN_MILS, nicePrice(Distributions.logNormal(rng, PRICE_MEDIAN_MILS, PRICE_SIGMA)));
            for (int v = 0; v < variants; v++) {
                String colour = withColour ? COLOURS[(colour0 + v) % COLOURS.length] + " " : "";
                String d = pack + colour + theme + " " + noun;
                if (d.length() > MAX_DESCRIPTION) {
                    d = colour + theme + " " + noun;
                }
                if (d.length() > MAX_DESCRIPTION) {
                    d = theme + " " + noun;
                }
                String candidate = d;
                for (int k = 2; !usedDescriptions.add(candidate); k++) {
                    // the letter + digit suffixes repeat after 130; only large catalogues get that far
                    candidate = k > 130 ? d.substring(0, Math.min(d.length(), MAX_DESCRIPTION - 7)) + " " + k
                            : d.length() <= MAX_DESCRIPTION - 4 ? d + " " + (char) ('A' + (k % 26)) + k % 10 : d + k;
                }
                code[p] = variants > 1 ? Integer.toString(base) + (char) ('A' + v) : Integer.toString(base);
                description[p] = candidate;
                basePrice[p] = price;
                bulkPrice[p] = nicePrice(price * BULK_FACTOR);
                retailPrice[p] = nicePrice(price * RETAIL_FACTOR);
                p++;
            }
        }
        double[] rankWeights = new double[size];
        for (int r = 0; r < size; r++) {
            rankWeights[r] = Math.pow(r + 1 + ZIPF_OFFSET, -ZIPF_EXPONENT);
        }
        rankCum = Distributions.cumulative(rankWeights);
        // A global popularity order, then per archetype a local reshuffle of the top ranks.
        int[] global = new int[size];
        for (int i = 0; i < size; i++) {
            global[i] = i;
        }
        shuffle(global, 0, size, rng);
        byArchetype = new int[Archetype.values().length][];
        for (int a = 0; a < byArchetype.length; a++) {
            int[] perm = global.clone();
            for (int r = 0; r < ARCHETYPE_RESHUFFLE_RANKS; r++) {
                int j = r + rng.nextInt(ARCHETYPE_RESHUFFLE_WINDOW);
                int t = perm[r];
                perm[r] = perm[j];
                perm[j] = t;
            }
            byArchetype[a] = perm;
        }
    }

    private static void shuffle(int[] a, int from, int to, SplittableRandom rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Rounds to a shop price: whole pence below 1 GBP, 5 pence steps above, 0.05 GBP steps minus a
     * penny-free tail so that 2.55, 2.95, 4.95, 12.75 appear as in the real file.
     */
    static int nicePrice(double mils) {
        int m;
        if (mils < 1_000) {
            m = (int) Math.round(mils / 10) * 10;
        } else {
            m = (int) Math.round(mils / 50) * 50;
        }
        return Math.max(PRICE_MIN_MILS / 10, Math.min(PRICE_MAX_MILS, m));
    }

    /** A product drawn by the popularity ranking of archetype {@code a}. */
    int draw(int archetype, SplittableRandom rng) {
        return byArchetype[archetype][Distributions.pick(rankCum, rng)];
    }

    /** Number of regular products. */
    int size() {
        return size;
    }

    String code(int p) {
        return code[p];
    }

    String description(int p) {
        return description[p];
    }

    int basePrice(int p) {
        return basePrice[p];
    }

    int bulkPrice(int p) {
        return bulkPrice[p];
    }

    int retailPrice(int p) {
        return retailPrice[p];
    }
}
