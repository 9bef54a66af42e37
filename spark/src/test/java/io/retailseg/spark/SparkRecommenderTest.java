package io.retailseg.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.MemoryLimitException;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import io.retailseg.model.ModelCodec;
import io.retailseg.pipeline.RunResult;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.Pick;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.RecommenderFit;
import io.retailseg.recommend.SegmentBestSellers;
import io.retailseg.recommend.TopProduct;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's recommender on the Spark engine (the default, the hybrid): the baskets Spark builds equal the
 * core's, and the recommendations equal the core's recommender fitted on the core's baskets, given the
 * Spark run's segments.
 */
class SparkRecommenderTest {
    @TempDir
    static Path dir;
    static Path file;
    static Transactions lines;
    static SparkRun.Outcome spark;

    @BeforeAll
    static void run() {
        file = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(30_000, 5, file);
        lines = Cleaner.clean(TransactionReader.read(file)).lines();
        RunConfig config = RunConfig.builder().k(3).threads(2).build();
        assertThat(config.recommender()).isEqualTo(RecommenderKind.HYBRID);
        spark = SparkRun.run(TestSpark.session(), config, SparkIngest.Files.of(file.toString()),
                IngestOptions.defaults());
    }

    private static SparkCleaner.Result cleanedOnSpark() {
        return SparkCleaner.clean(SparkIngest.read(TestSpark.session(), SparkIngest.Files.of(file.toString()),
                IngestOptions.defaults()));
    }

    @Test
    void basketsAndCatalogueAreTheCores() {
        CustomerGroups groups = CustomerGroups.of(lines);
        Catalogue catalogue = Catalogue.of(lines);
        Basket[] expected = Basket.of(lines, groups, catalogue);
        long[] ids = new long[groups.size()];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = groups.customerId(c);
        }
        SparkBaskets.Result actual = SparkBaskets.collect(cleanedOnSpark().lines(), ids, Long.MAX_VALUE);
        assertThat(actual.catalogue().codes()).isEqualTo(catalogue.codes());
        assertThat(actual.catalogue().descriptions()).isEqualTo(catalogue.descriptions());
        assertThat(actual.baskets()).hasSameSizeAs(expected);
        for (int c = 0; c < expected.length; c++) {
            Basket a = actual.baskets()[c];
            Basket e = expected[c];
            assertThat(Arrays.equals(a.products(), e.products())).as("products of customer %d", ids[c]).isTrue();
            assertThat(Arrays.equals(a.orders(), e.orders())).as("orders of customer %d", ids[c]).isTrue();
            assertThat(Arrays.equals(a.lines(), e.lines())).as("lines of customer %d", ids[c]).isTrue();
            assertThat(Arrays.equals(a.firstDay(), e.firstDay())).as("first days of customer %d", ids[c]).isTrue();
            assertThat(Arrays.equals(a.lastDay(), e.lastDay())).as("last days of customer %d", ids[c]).isTrue();
            assertThat(a.customerLastDay()).isEqualTo(e.customerLastDay());
        }
    }

    @Test
    void recommendationsAreTheCoresHybridGivenTheSameSegments() {
        RunResult r = spark.result();
        assertThat(r.model().recommender().kind()).isEqualTo(RecommenderKind.HYBRID);
        SegmentBestSellers.Result best = SegmentBestSellers.compute(lines, r.segmentation(), r.config().topProducts(),
                r.config().recommendationsPerCustomer(), r.config().rankBy());
        assertThat(r.topProducts()).isEqualTo(best.topProducts());
        List<List<TopProduct>> bySegment = new ArrayList<>();
        for (int s = 0; s < r.segmentation().k(); s++) {
            bySegment.add(best.topProducts(s));
        }
        CustomerGroups groups = CustomerGroups.of(lines);
        Catalogue catalogue = Catalogue.of(lines);
        Basket[] baskets = Basket.of(lines, groups, catalogue);
        ProductRecommender local = RecommenderFit.fit(RecommenderKind.HYBRID, catalogue, baskets,
                new RecommenderFit.Inputs(bySegment, r.config().rankBy(), 0, 2));
        List<Recommendation> expected = new ArrayList<>();
        for (int c = 0; c < groups.size(); c++) {
            long id = groups.customerId(c);
            OptionalInt segment = r.segmentation().segmentOf(id);
            if (segment.isEmpty()) {
                continue;
            }
            List<Pick> picks = local.recommend(baskets[c], segment, r.config().recommendationsPerCustomer(),
                    OfferMode.NEW_ONLY);
            for (int k = 0; k < picks.size(); k++) {
                Pick p = picks.get(k);
                expected.add(new Recommendation(id, segment.getAsInt(), k + 1, catalogue.code(p.product()),
                        catalogue.description(p.product()), p.score(), p.reason()));
            }
        }
        assertThat(r.recommendations()).hasSizeGreaterThan(1000).isEqualTo(expected);
        assertThat(spark.recommendations().count()).isEqualTo(expected.size());
        assertThat(spark.recommendations().columns()).containsExactly("CustomerID", "Segment", "Rank", "StockCode",
                "Description", "Score", "Reason");
    }

    @Test
    void theModelFileHoldsTheHybridAndScoreRecommendsAsTheRun() throws Exception {
        Path out = dir.resolve("run");
        SparkRun.write(TestSpark.session(), spark, out);
        io.retailseg.score.ScoreResult scored = io.retailseg.score.Scorer.of(ModelCodec.read(out.resolve("model.json")))
                .score(TransactionReader.read(file));
        List<Recommendation> fromScore = scored.customers().stream().flatMap(c -> c.recommendations().stream())
                .toList();
        assertThat(fromScore).isEqualTo(spark.result().recommendations());
    }

    @Test
    void aDriverBoundTooSmallForTheBasketsIsSaidBeforeCollecting() {
        assertThatThrownBy(() -> SparkBaskets.collect(cleanedOnSpark().lines(), new long[0], 10))
                .isInstanceOf(MemoryLimitException.class)
                .hasMessageContaining("(customer, product) pairs")
                .hasMessageContaining("spark.retailseg.maxBasketPairs")
                .hasMessageContaining("--recommender segment-best-sellers");
    }
}
