package io.retailseg.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import io.retailseg.model.SegmentationModel;
import io.retailseg.evaluate.RecommenderEvaluation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold-out evaluation and the segment matching on generated data (no real file needed). */
class HoldoutEvaluationTest {
    @TempDir
    static Path dir;
    private static Transactions raw;
    private static final RunConfig CONFIG = RunConfig.builder().k(3).threads(2).build();

    @BeforeAll
    static void generate() {
        Path file = dir.resolve("g.csv");
        SyntheticRetailGenerator.write(30_000, 5, file);
        raw = TransactionReader.read(file);
    }

    private static HoldoutEvaluation.Result evaluate(HoldoutEvaluation.Split split, RunConfig config) {
        return HoldoutEvaluation.run(config, TransactionSource.of("generated", raw),
                new HoldoutEvaluation.Options(split, 2, true), ProgressListener.NONE);
    }

    @Test
    void holdoutDaysCountBackFromTheLastDayAndSplitEveryCleanedLine() {
        HoldoutEvaluation.Result r = evaluate(HoldoutEvaluation.Split.lastDays(30), CONFIG);
        HoldoutEvaluation.Population p = r.population();
        assertThat(LocalDate.parse(p.splitDay())).isEqualTo(LocalDate.parse(p.lastDay()).minusDays(29));
        assertThat(p.linesBefore() + p.linesAfter()).isEqualTo(Cleaner.clean(raw).lines().size());
        assertThat(r.training().cleanLines().size()).isEqualTo(p.linesBefore());
        for (int i = 0; i < r.training().cleanLines().size(); i++) {
            assertThat(r.training().cleanLines().epochDay(i)).isLessThan(LocalDate.parse(p.splitDay()).toEpochDay());
        }
        assertThat(r.training().k()).isEqualTo(3);
        assertThat(r.scores()).extracting(RecommenderEvaluation.Score::recommender).contains("segment_quantity",
                "segment_buyers", "segment_revenue", "global_quantity", "random", "repeat", "co_purchase");
    }

    @Test
    void theTrainingFitIsTheRunOnTheTrainingLines() {
        HoldoutEvaluation.Result r = evaluate(HoldoutEvaluation.Split.lastDays(60), CONFIG);
        RunResult direct = RetailSeg.runCleaned(CONFIG, "x", raw.size(), r.training().cleanLines(),
                r.training().cleaning(), ProgressListener.NONE, Optional.empty());
        assertThat(direct.segment()).containsExactly(r.training().segment());
        assertThat(direct.recommendations()).isEqualTo(r.training().recommendations());
    }

    @Test
    void sameSeedSameNumbers() {
        HoldoutEvaluation.Result a = evaluate(HoldoutEvaluation.Split.lastDays(45), CONFIG);
        HoldoutEvaluation.Result b = evaluate(HoldoutEvaluation.Split.lastDays(45),
                CONFIG.toBuilder().threads(1).build());
        assertThat(b.scores()).isEqualTo(a.scores());
        assertThat(b.stability().orElseThrow().adjustedRand()).containsExactly(a.stability().orElseThrow().adjustedRand());
        assertThat(b.migration().orElseThrow().moved()).isDeepEqualTo(a.migration().orElseThrow().moved());
    }

    @Test
    void aSplitOutsideTheDataIsBadInput() {
        assertThatThrownBy(() -> evaluate(HoldoutEvaluation.Split.at(LocalDate.of(2030, 1, 1)), CONFIG))
                .isInstanceOf(InputException.class).hasMessageContaining("leaves no line on or after it");
        assertThatThrownBy(() -> evaluate(HoldoutEvaluation.Split.at(LocalDate.of(2000, 1, 1)), CONFIG))
                .isInstanceOf(InputException.class).hasMessageContaining("leaves no line before it");
    }

    @Test
    void aPreviousModelWithSwappedSegmentsSwapsTheIds() {
        RunResult first = RetailSeg.run(CONFIG, TransactionSource.of("g", raw));
        SegmentationModel m = first.model();
        double[][] swapped = {m.centroids()[1], m.centroids()[0], m.centroids()[2]};
        SegmentationModel previous = new SegmentationModel(m.formatVersion(), m.provenance(), m.compat(),
                m.referenceDay(), m.features(), m.outliers(), m.scaler(), m.pca(), swapped, m.segments(),
                m.topProducts());
        RunResult again = RetailSeg.run(CONFIG, TransactionSource.of("g", raw), ProgressListener.NONE,
                Optional.of(previous));
        int[] swap = {1, 0, 2};
        for (int i = 0; i < first.segment().length; i++) {
            int s = first.segment()[i];
            assertThat(again.segment()[i]).isEqualTo(s < 0 ? -1 : swap[s]);
        }
        assertThat(again.profiles().get(0).size()).isEqualTo(first.profiles().get(1).size());
        assertThat(again.model().provenance()).containsKey("segment_matching");

        RunResult same = RetailSeg.run(CONFIG, TransactionSource.of("g", raw), ProgressListener.NONE, Optional.of(m));
        assertThat(same.segment()).containsExactly(first.segment());
    }
}
