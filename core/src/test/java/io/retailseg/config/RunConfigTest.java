package io.retailseg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.domain.Feature;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RunConfigTest {
    @Test
    void defaultsAreTheReferenceAnalysisParameters() {
        RunConfig c = RunConfig.defaults();

        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.compat()).isEqualTo(Compat.SPEC);
        assertThat(c.contamination()).isEqualTo(0.05);
        assertThat(c.isolationTrees()).isEqualTo(100);
        assertThat(c.isolationSampleSize()).isEqualTo(256);
        assertThat(c.pcaComponents()).isEqualTo(6);
        assertThat(c.fixedK()).isEmpty();
        assertThat(c.kMin()).isEqualTo(2);
        assertThat(c.kMax()).isEqualTo(15);
        assertThat(c.kmeansRestarts()).isEqualTo(10);
        assertThat(c.kmeansMaxIterations()).isEqualTo(100);
        assertThat(c.kmeansTolerance()).isEqualTo(1e-4);
        assertThat(c.topProducts()).isEqualTo(10);
        assertThat(c.recommendationsPerCustomer()).isEqualTo(3);
        assertThat(c.rankBy()).isEqualTo(RankBy.QUANTITY);
        assertThat(c.threads()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void toBuilderKeepsEveryValue() {
        RunConfig c = RunConfig.builder().seed(7).threads(3).compat(Compat.NOTEBOOK).contamination(0.1)
                .isolationTrees(50).isolationSampleSize(64).pcaComponents(4).k(5).kRange(3, 9).kmeansRestarts(2)
                .kmeansMaxIterations(20).kmeansTolerance(0).silhouetteTolerance(0.01).topProducts(5)
                .recommendationsPerCustomer(5).rankBy(RankBy.REVENUE).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void theRecommenderDefaultsToTheHybridAndToTheReferenceInNotebookMode() {
        assertThat(RunConfig.defaults().recommender()).isEqualTo(RecommenderKind.HYBRID);
        assertThat(RunConfig.defaults().offer()).isEqualTo(OfferMode.NEW_ONLY);
        assertThat(RunConfig.builder().compat(Compat.NOTEBOOK).build().recommender())
                .isEqualTo(RecommenderKind.SEGMENT_BEST_SELLERS);
        assertThat(RunConfig.builder().compat(Compat.NOTEBOOK).recommender(RecommenderKind.ALS).build().recommender())
                .isEqualTo(RecommenderKind.ALS);
        assertThat(RecommenderKind.of("co_purchase")).isEqualTo(RecommenderKind.CO_PURCHASE);
        assertThat(RecommenderKind.CO_PURCHASE.id()).isEqualTo("co-purchase");
        assertThatThrownBy(() -> RecommenderKind.of("knn")).hasMessage(
                "expected one of [segment-best-sellers, co-purchase, ease, als, hybrid], found knn");
        assertThat(OfferMode.of("new")).isEqualTo(OfferMode.NEW_ONLY);
        assertThat(OfferMode.of("ANY")).isEqualTo(OfferMode.ANY);
    }

    private static void rejected(UnaryOperator<RunConfig.Builder> change, String field) {
        assertThatThrownBy(() -> change.apply(RunConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        rejected(b -> b.threads(0), "threads");
        rejected(b -> b.compat(null), "compat");
        rejected(b -> b.contamination(0), "contamination");
        rejected(b -> b.contamination(0.6), "contamination");
        rejected(b -> b.contamination(Double.NaN), "contamination");
        rejected(b -> b.isolationTrees(0), "isolationTrees");
        rejected(b -> b.isolationSampleSize(1), "isolationSampleSize");
        rejected(b -> b.pcaComponents(0), "pcaComponents");
        rejected(b -> b.pcaComponents(Feature.COUNT + 1), "pcaComponents must be in 1.." + Feature.COUNT);
        rejected(b -> b.k(1), "k must be at least 2");
        rejected(b -> b.kRange(1, 5), "kMin");
        rejected(b -> b.kRange(6, 5), "kMax");
        rejected(b -> b.kmeansRestarts(0), "kmeansRestarts");
        rejected(b -> b.kmeansMaxIterations(0), "kmeansMaxIterations");
        rejected(b -> b.kmeansTolerance(-1e-9), "kmeansTolerance");
        rejected(b -> b.silhouetteTolerance(-0.1), "silhouetteTolerance");
        rejected(b -> b.topProducts(0), "topProducts");
        rejected(b -> b.recommendationsPerCustomer(0), "recommendationsPerCustomer");
        rejected(b -> b.recommender(RecommenderKind.SEGMENT_BEST_SELLERS).topProducts(2).recommendationsPerCustomer(3),
                "recommendationsPerCustomer must be in 1..topProducts with the segment-best-sellers recommender");
        assertThat(RunConfig.builder().topProducts(2).recommendationsPerCustomer(3).build().recommender())
                .isEqualTo(RecommenderKind.HYBRID);
        rejected(b -> b.offer(null), "offer");
        rejected(b -> b.rankBy(null), "rankBy");
    }

    @Test
    void boundaryValuesAreAccepted() {
        RunConfig c = RunConfig.builder().threads(1).contamination(0.01).pcaComponents(Feature.COUNT).k(2).kRange(2, 2)
                .isolationSampleSize(2).topProducts(1).recommendationsPerCustomer(1).build();
        assertThat(c.fixedK()).hasValue(2);
    }
}
