package io.retailseg.evaluate;

import io.retailseg.config.OfferMode;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Pick;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.TopScores;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/** The recommenders the hold-out evaluation compares: segment and global best sellers and the baselines. */
public final class Recommenders {
    private Recommenders() {
    }

    /**
     * Walks a fixed ranked list per group (a segment, or one group for everyone) and skips what the
     * customer bought in {@link OfferMode#NEW_ONLY}: segment best sellers and global best sellers.
     *
     * @param ranking per group, stock codes best first
     * @param groupOf group of each customer of the history, -1 for none (gets no recommendation)
     */
    public static Recommender ranked(String name, String description, PurchaseHistory history, int[][] ranking,
                                     int[] groupOf) {
        return new Named(name, description) {
            @Override
            public int[] recommend(int customer, int n, OfferMode mode) {
                int g = groupOf[customer];
                if (g < 0) {
                    return new int[0];
                }
                int[] out = new int[n];
                int k = 0;
                for (int code : ranking[g]) {
                    if (k == n) {
                        break;
                    }
                    if (mode == OfferMode.ANY || !history.bought(customer, code)) {
                        out[k++] = code;
                    }
                }
                return Arrays.copyOf(out, k);
            }
        };
    }

    /**
     * Products drawn uniformly without replacement from the history's catalogue; each (customer, mode)
     * gets its own generator derived from {@code seed}, so the draw does not depend on call order.
     */
    public static Recommender random(PurchaseHistory history, long seed) {
        int[] catalogue = history.catalogue();
        return new Named("random", "products drawn uniformly at random (seeded) from the catalogue") {
            @Override
            public int[] recommend(int customer, int n, OfferMode mode) {
                SplittableRandom rng = new SplittableRandom(seed ^ (history.customerId(customer) * 0x9E3779B97F4A7C15L)
                        ^ mode.ordinal());
                int[] pool = catalogue.clone();
                int[] out = new int[n];
                int k = 0;
                for (int i = 0; i < pool.length && k < n; i++) {
                    int j = i + rng.nextInt(pool.length - i);
                    int code = pool[j];
                    pool[j] = pool[i];
                    pool[i] = code;
                    if (mode == OfferMode.ANY || !history.bought(customer, code)) {
                        out[k++] = code;
                    }
                }
                return Arrays.copyOf(out, k);
            }
        };
    }

    /**
     * The customer's own products by net quantity (cancellations subtracted), largest first, products
     * with a positive net quantity only, ties by stock code text. Nothing in NEW_ONLY mode, by definition.
     *
     * @param codeRank sort rank of every stock code's text
     */
    public static Recommender repeat(PurchaseHistory history, int[] codeRank) {
        return new Named("repeat", "the customer's own most bought products (net quantity)") {
            @Override
            public int[] recommend(int customer, int n, OfferMode mode) {
                if (mode == OfferMode.NEW_ONLY) {
                    return new int[0];
                }
                int[] codes = history.codes(customer);
                long[] quantity = history.netQuantity(customer);
                TopScores top = new TopScores(n, codeRank);
                for (int i = 0; i < codes.length; i++) {
                    if (quantity[i] > 0) {
                        top.offer(codes[i], quantity[i]);
                    }
                }
                return top.products();
            }
        };
    }

    /**
     * Item-to-item co-purchase: cosine similarity of two products over the customer x product binary
     * matrix of the history (customers who have a line of both / sqrt(customers of one x customers of
     * the other)); a product's score for a customer is the sum of its similarities to the customer's
     * products, and products with score 0 are never proposed. Ties by stock code text.
     *
     * <p>The similarities are held as a dense catalogue x catalogue {@code float} matrix: 4 p^2 bytes
     * for p products (46 MB for the 3,404 products of the UCI file, 1.6 GB for 20,000). The returned
     * recommender keeps the last customer's scores for the next call, so it is not thread-safe.
     *
     * @param codeRank sort rank of every stock code's text
     */
    public static Recommender coPurchase(PurchaseHistory history, int[] codeRank) {
        int[] catalogue = history.catalogue();
        int p = catalogue.length;
        int[] index = new int[codeRank.length];
        Arrays.fill(index, -1);
        for (int i = 0; i < p; i++) {
            index[catalogue[i]] = i;
        }
        float[][] similarity = new float[p][p];
        int[] buyers = new int[p];
        for (int c = 0; c < history.size(); c++) {
            int[] codes = history.codes(c);
            for (int a : codes) {
                int ia = index[a];
                buyers[ia]++;
                float[] row = similarity[ia];
                for (int b : codes) {
                    row[index[b]]++;
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (similarity[i][j] != 0) {
                    similarity[i][j] = (float) (similarity[i][j] / Math.sqrt((double) buyers[i] * buyers[j]));
                }
            }
        }
        return new Named("co_purchase_all", "item-to-item cosine similarity over customer x product baskets, every"
                + " neighbour kept (dense)") {
            private int cachedCustomer = -1;
            private final double[] score = new double[p];

            @Override
            public int[] recommend(int customer, int n, OfferMode mode) {
                if (customer != cachedCustomer) {
                    Arrays.fill(score, 0);
                    for (int code : history.codes(customer)) {
                        float[] row = similarity[index[code]];
                        for (int j = 0; j < p; j++) {
                            score[j] += row[j];
                        }
                    }
                    cachedCustomer = customer;
                }
                TopScores top = new TopScores(n, codeRank);
                for (int j = 0; j < p; j++) {
                    if (score[j] > 0 && (mode == OfferMode.ANY || !history.bought(customer, catalogue[j]))) {
                        top.offer(catalogue[j], score[j]);
                    }
                }
                return top.products();
            }
        };
    }

    /**
     * A fitted {@link ProductRecommender} as the evaluation sees it: each customer of the history gets the
     * list the model would give for their basket and segment, its products translated to the history's
     * stock codes.
     *
     * @param baskets per customer of the history, from the same lines ({@link Basket#of})
     * @param groupOf segment of each customer, -1 for none
     * @param codeOf stock code (of the history's lines) of each catalogue product
     */
    public static Recommender of(String name, String description, ProductRecommender recommender, Basket[] baskets,
                                 int[] groupOf, int[] codeOf) {
        return new Named(name, description) {
            @Override
            public int[] recommend(int customer, int n, OfferMode mode) {
                OptionalInt segment = groupOf[customer] < 0 ? OptionalInt.empty() : OptionalInt.of(groupOf[customer]);
                List<Pick> picks = recommender.recommend(baskets[customer], segment, n, mode);
                int[] out = new int[picks.size()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = codeOf[picks.get(k).product()];
                }
                return out;
            }
        };
    }

    private abstract static class Named implements Recommender {
        private final String name;
        private final String description;

        Named(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }
    }
}
