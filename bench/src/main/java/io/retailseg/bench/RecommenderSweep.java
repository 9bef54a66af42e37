package io.retailseg.bench;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import io.retailseg.evaluate.PurchaseHistory;
import io.retailseg.evaluate.Recommender;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.evaluate.Recommenders;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.ProgressListener;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.recommend.AlsRecommender;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.Ease;
import io.retailseg.recommend.ImplicitAls;
import io.retailseg.recommend.ItemItemRecommender;
import io.retailseg.recommend.ItemSimilarity;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.RecommenderFit;
import io.retailseg.recommend.TopProduct;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Chooses the recommenders' settings on a split inside the training period, never on a hold-out: trains
 * on the cleaned lines before {@code 2011-07-01} (the pipeline with its defaults, for the segments the
 * hybrid fills from), validates on {@code 2011-07-01..2011-08-31}, and prints hit rate@10 and NDCG@10
 * (NEW_ONLY, then ANY) of every setting over every segmented training customer who bought something (new)
 * in the validation window, with the paired difference from {@code co_purchase_all} (the dense cosine).
 *
 * <pre>java -cp cli/target/retailseg.jar bench/src/main/java/io/retailseg/bench/RecommenderSweep.java \
 *     /work/shared/data/online_retail.csv.gz [hybrid]</pre>
 *
 * <p>With {@code hybrid} only the hybrid's grid runs.
 */
public final class RecommenderSweep {
    private RecommenderSweep() {
    }

    public static void main(String[] args) {
        Cleaner.Result cleaned = Cleaner.clean(TransactionReader.read(Path.of(args[0])));
        Transactions lines = cleaned.lines();
        boolean hybridOnly = args.length > 1 && args[1].equals("hybrid");
        long trainEnd = LocalDate.parse("2011-07-01").toEpochDay();
        long validationEnd = LocalDate.parse("2011-09-01").toEpochDay();
        Transactions train = lines.select(IntStream.range(0, lines.size())
                .filter(r -> lines.epochDay(r) < trainEnd).toArray());
        Transactions validation = lines.select(IntStream.range(0, lines.size())
                .filter(r -> lines.epochDay(r) >= trainEnd && lines.epochDay(r) < validationEnd).toArray());
        RunResult fit = RetailSeg.runCleaned(RunConfig.defaults(), args[0], lines.size(), train, cleaned.report(),
                ProgressListener.NONE, Optional.empty());
        Segmentation segmentation = fit.segmentation();
        PurchaseHistory history = PurchaseHistory.of(train);
        PurchaseHistory after = PurchaseHistory.of(validation);
        int[] codeRank = train.stockCodes().sortRanks();
        Catalogue catalogue = Catalogue.of(train);
        Basket[] baskets = Basket.of(train, catalogue);
        int[] groupOf = new int[history.size()];
        List<Integer> segmented = new ArrayList<>();
        for (int c = 0; c < history.size(); c++) {
            groupOf[c] = segmentation.segmentOf(history.customerId(c)).orElse(-1);
            if (groupOf[c] >= 0) {
                segmented.add(c);
            }
        }
        int[] evaluated = segmented.stream().mapToInt(Integer::intValue).toArray();
        int[] codeOf = new int[catalogue.size()];
        for (int i = 0; i < catalogue.size(); i++) {
            codeOf[i] = train.stockCodes().codeOf(catalogue.code(i));
        }
        List<List<TopProduct>> bestSellers = new ArrayList<>();
        for (int s = 0; s < fit.k(); s++) {
            bestSellers.add(fit.model().topProducts(s));
        }
        int[][] fallback = RecommenderFit.fallback(bestSellers, catalogue);
        System.out.printf("train %d lines, %d customers (%d segmented, k = %d), %d products; validation %d lines%n",
                train.size(), history.size(), evaluated.length, fit.k(), catalogue.size(), validation.size());
        List<Recommender> settings = new ArrayList<>();
        settings.add(Recommenders.coPurchase(history, codeRank));
        Adapter a = (name, r) -> settings.add(Recommenders.of(name, name, r, baskets, groupOf, codeOf));
        if (!hybridOnly) {
            for (int k : new int[] {100, 200, 500}) {
                a.add("co-purchase neighbours=" + k, new ItemItemRecommender(RecommenderKind.CO_PURCHASE, catalogue,
                        ItemSimilarity.cosine(baskets, catalogue.size(), k, 2),
                        new ItemItemRecommender.Settings(0, 1, 0, 0), new double[0], new int[0][]));
            }
            int[][] rows = java.util.Arrays.stream(baskets).map(Basket::products).toArray(int[][]::new);
            for (double lambda : new double[] {100, 500, 1000}) {
                double[] dense = ItemSimilarityAccess.ease(rows, catalogue.size(), lambda);
                for (int kept : new int[] {200, catalogue.size()}) {
                    a.add("ease lambda=" + lambda + " kept=" + kept, new ItemItemRecommender(RecommenderKind.EASE,
                            catalogue, ItemSimilarity.truncate(dense, baskets, catalogue.size(), kept, 2),
                            new ItemItemRecommender.Settings(0, 0, 0, 0), new double[0], new int[0][]));
                }
            }
            for (int factors : new int[] {32, 64}) {
                for (double lambda : new double[] {1, 10}) {
                    a.add("als factors=" + factors + " alpha=1 lambda=" + lambda, AlsRecommender.fit(catalogue, baskets,
                            new ImplicitAls.Settings(factors, lambda, 1, 10), 42, 2));
                }
            }
        }
        for (int neighbours : new int[] {50, 100, 200}) {
            for (double lambda : new double[] {200, 500, 1000}) {
                if (neighbours != 100 && lambda != 500) {
                    continue;
                }
                for (double[] s : new double[][] {{0, 0, 0, 0}, {60, 0, 2, 180}, {30, 0, 2, 180}, {120, 0, 2, 180},
                    {60, 0, 1, 180}, {60, 0, 4, 180}, {60, 0, 2, 90}, {60, 0, 2, 365}}) {
                    if ((neighbours != 100 || lambda != 500) && s[0] != 60) {
                        continue;
                    }
                    a.add(String.format("hybrid neighbours=%d lambda=%.0f recency=%.0f rebuy=%.0f decay=%.0f",
                            neighbours, lambda, s[0], s[2], s[3]), RecommenderFit.hybrid(catalogue, baskets, neighbours,
                            lambda, new ItemItemRecommender.Settings(s[0], s[1], s[2], s[3]), fallback, 2));
                }
            }
        }
        RecommenderEvaluation.Result result = RecommenderEvaluation.evaluate(settings, history, after, evaluated,
                new int[] {10});
        for (OfferMode mode : OfferMode.values()) {
            System.out.println("== " + mode.id());
            for (RecommenderEvaluation.Score s : result.scores()) {
                if (s.mode() != mode) {
                    continue;
                }
                RecommenderEvaluation.Comparison c = result.comparisons().stream()
                        .filter(x -> x.recommender().equals(s.recommender()) && x.mode() == mode).findFirst().orElse(null);
                System.out.printf("%-72s HR@10 %.4f NDCG@10 %.4f (%d)%s%n", s.recommender(), s.at(10).hitRate(),
                        s.at(10).ndcg(), s.customersEvaluated(), c == null ? "" : String.format(
                                "  vs dense cosine %+.4f ± %.4f", c.hitRate().mean(), c.hitRate().standardError()));
            }
        }
    }

    private interface Adapter {
        void add(String name, ProductRecommender r);
    }

    /** EASE's dense weights (row-major), through the public entry point. */
    private static final class ItemSimilarityAccess {
        static double[] ease(int[][] rows, int p, double lambda) {
            double[][] b = Ease.weights(rows, p, lambda);
            double[] out = new double[p * p];
            for (int i = 0; i < p; i++) {
                System.arraycopy(b[i], 0, out, i * p, p);
            }
            return out;
        }
    }
}
