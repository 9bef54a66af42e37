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
import io.retailseg.model.Segmenter;
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
        Transactions before = linesBefore(p.splitDay());
        assertThat(before.size()).isEqualTo(p.linesBefore());
        assertThat(r.training().dataProfile().cleanedLines()).isEqualTo(p.linesBefore());
        assertThat(LocalDate.parse(r.training().dataProfile().lastDay())).isBefore(LocalDate.parse(p.splitDay()));
        assertThat(r.training().k()).isEqualTo(3);
        assertThat(r.scores()).extracting(RecommenderEvaluation.Score::recommender).contains("segment_quantity",
                "segment_buyers", "segment_revenue", "global_quantity", "random", "repeat", "co_purchase", "ease",
                "als");
    }

    @Test
    void theTrainingFitIsTheRunOnTheTrainingLines() {
        HoldoutEvaluation.Result r = evaluate(HoldoutEvaluation.Split.lastDays(60), CONFIG);
        RunResult direct = RetailSeg.runCleaned(CONFIG, "x", raw.size(), linesBefore(r.population().splitDay()),
                r.training().cleaning(), ProgressListener.NONE, Optional.empty());
        assertThat(direct.segmentation()).isEqualTo(r.training().segmentation());
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
        double[][] c = m.segmenter().centroids();
        Segmenter swapped = new Segmenter(m.segmenter().projection(), new double[][] {c[1], c[0], c[2]});
        SegmentationModel previous = new SegmentationModel(m.provenance(), m.compat(), m.referenceDay(), m.outliers(),
                swapped, m.segmentNames(), m.topProducts(), m.recommendationsPerCustomer(), m.recommender(), m.offer(),
                m.customerValue());
        RunResult again = RetailSeg.run(CONFIG, TransactionSource.of("g", raw), ProgressListener.NONE,
                Optional.of(previous));
        int[] swap = {1, 0, 2};
        for (int i = 0; i < first.segmentation().size(); i++) {
            int s = first.segmentation().segmentAt(i).orElse(-1);
            assertThat(again.segmentation().segmentAt(i).orElse(-1)).isEqualTo(s < 0 ? -1 : swap[s]);
        }
        assertThat(again.profiles().get(0).size()).isEqualTo(first.profiles().get(1).size());
        assertThat(again.model().provenance().segmentMatching()).isPresent();

        RunResult same = RetailSeg.run(CONFIG, TransactionSource.of("g", raw), ProgressListener.NONE, Optional.of(m));
        assertThat(same.segmentation()).isEqualTo(first.segmentation());
    }

    /** The cleaned lines dated before {@code splitDay}: the training lines. */
    private static Transactions linesBefore(String splitDay) {
        Transactions lines = Cleaner.clean(raw).lines();
        long split = LocalDate.parse(splitDay).toEpochDay();
        return lines.select(java.util.stream.IntStream.range(0, lines.size()).filter(i -> lines.epochDay(i) < split)
                .toArray());
    }
}
