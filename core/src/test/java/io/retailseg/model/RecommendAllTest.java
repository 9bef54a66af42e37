package io.retailseg.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.Pick;
import io.retailseg.recommend.Recommendation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SegmentationModel#recommendAll} splits its customers over two cores; the lists are those of one at a time. */
class RecommendAllTest {
    @TempDir
    Path dir;

    @Test
    void recommendingForAllCustomersIsRecommendingForEachInTurn() {
        Path file = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(250_000, 9, file);
        Transactions raw = TransactionReader.read(file);
        RunResult run = RetailSeg.run(RunConfig.builder().k(3).threads(1).build(), TransactionSource.of("generated", raw));
        SegmentationModel model = run.model();
        Transactions cleaned = Cleaner.clean(raw).lines();
        CustomerGroups groups = CustomerGroups.of(cleaned);
        Catalogue catalogue = model.recommender().catalogue();
        Basket[] baskets = Basket.of(cleaned, groups, catalogue);
        assertThat(groups.size()).as("customers, enough for a second core").isGreaterThanOrEqualTo(
                SegmentationModel.PARALLEL_FROM);

        List<Recommendation> oneAtATime = new ArrayList<>();
        for (int c = 0; c < groups.size(); c++) {
            long id = groups.customerId(c);
            OptionalInt segment = run.segmentation().segmentOf(id);
            if (segment.isEmpty()) {
                continue;
            }
            List<Pick> picks = model.recommend(baskets[c], segment);
            for (int r = 0; r < picks.size(); r++) {
                Pick p = picks.get(r);
                oneAtATime.add(new Recommendation(id, segment.getAsInt(), r + 1, catalogue.code(p.product()),
                        catalogue.description(p.product()), p.score(), p.reason()));
            }
        }
        assertThat(oneAtATime).hasSizeGreaterThan(3 * SegmentationModel.PARALLEL_FROM);
        assertThat(model.recommendAll(run.segmentation(), groups, baskets)).isEqualTo(oneAtATime);
        assertThat(run.recommendations()).isEqualTo(oneAtATime);
    }
}
