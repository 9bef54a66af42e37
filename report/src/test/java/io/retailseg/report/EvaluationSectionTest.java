package io.retailseg.report;

import io.retailseg.config.OfferMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.evaluate.BootstrapStability;
import io.retailseg.evaluate.Recommender;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.pipeline.HoldoutEvaluation;
import io.retailseg.runfolder.EvaluationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation section, against a small evaluation of generated lines and hand-written files. */
class EvaluationSectionTest {
    @TempDir
    static Path dir;

    private static GeneratedEvaluation evaluation;
    private static ReportData data;
    private static Map<String, Chart> charts;

    @BeforeAll
    static void evaluate() {
        evaluation = GeneratedEvaluation.create(dir, 30_000);
        data = RunFiles.read(evaluation.folder());
        charts = ReportBuilder.charts(data);
    }

    private static List<String> recommenderNames() {
        List<String> names = new ArrayList<>();
        for (RecommenderEvaluation.Score s : evaluation.result().scores()) {
            if (!names.contains(s.recommender())) {
                names.add(s.recommender());
            }
        }
        return names;
    }

    private static RecommenderEvaluation.Score score(String name, OfferMode mode) {
        return evaluation.result().scores().stream().filter(s -> s.recommender().equals(name) && s.mode() == mode)
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> series(String chart) {
        return (List<Map<String, Object>>) charts.get(chart).option().get("series");
    }

    @Test
    void theSectionIsDrawnFromTheEvaluationFolderAndRebuiltByteForByte() throws IOException {
        assertThat(ReportBuilder.sections(data)).last().isInstanceOf(EvaluationSection.class);
        String html = Files.readString(evaluation.report(), StandardCharsets.UTF_8);
        assertThat(html).contains("<section id=\"evaluation\">", "href=\"#evaluation\"", "evaluation.json)");
        assertThat(Report.html(RunFiles.read(evaluation.folder()))).isEqualTo(Files.readAllBytes(evaluation.report()));
        // the rest of the report is the training fit: its segments are the evaluation's training segments
        assertThat(data.k()).isEqualTo(evaluation.result().training().k());
        assertThat(data.customers().size()).isEqualTo(evaluation.result().training().customers().size());
    }

    @Test
    void withoutEvaluationThereIsNoSection() {
        ReportData plain = new ReportData(data.summary(), data.customers(), data.topProducts(),
                data.recommendations(), data.profile(), Optional.empty());
        assertThat(ReportBuilder.sections(plain)).noneMatch(s -> s instanceof EvaluationSection);
        assertThat(ReportBuilder.charts(plain).keySet()).noneMatch(id -> id.startsWith("evaluation"));
        assertThat(ReportBuilder.html(plain)).doesNotContain("id=\"evaluation\"", "Hold-out evaluation");
    }

    @Test
    void topNChartsDrawEveryRecommenderAtEveryCutOffInBothModes() {
        List<String> names = recommenderNames();
        assertThat(names).hasSize(11);   // 11 recommenders since issue 11 (ease, als, hybrid, both co-purchases)
        for (OfferMode mode : OfferMode.values()) {
            String slug = mode == OfferMode.ANY ? "any" : "new-only";
            for (String metric : List.of("hit-rate", "precision")) {
                List<Map<String, Object>> lines = series("evaluation-" + metric + "-" + slug);
                assertThat(lines).extracting(l -> l.get("name")).containsExactlyElementsOf(names);
                assertThat(lines).extracting(l -> ((Map<?, ?>) l.get("itemStyle")).get("color"))
                        .as("one colour per recommender").doesNotHaveDuplicates();
                for (Map<String, Object> line : lines) {
                    RecommenderEvaluation.Score s = score((String) line.get("name"), mode);
                    List<?> values = (List<?>) line.get("data");
                    assertThat(values).hasSize(HoldoutEvaluation.CUTOFFS.length);
                    for (int i = 0; i < values.size(); i++) {
                        RecommenderEvaluation.AtN at = s.at(HoldoutEvaluation.CUTOFFS[i]);
                        double expected = 100 * (metric.equals("hit-rate") ? at.hitRate() : at.precision());
                        assertThat(((Number) values.get(i)).doubleValue()).as(line.get("name") + " " + metric)
                                .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.05));
                    }
                }
                Map<String, Object> reference = lines.get(0);
                assertThat(reference.get("name")).isEqualTo("segment_quantity");
                assertThat(((Map<?, ?>) reference.get("lineStyle")).get("width")).isEqualTo(4.0);
            }
        }
        List<Map<String, Object>> coverage = series("evaluation-coverage");
        assertThat(coverage).hasSize(2);
        assertThat((List<?>) coverage.get(0).get("data")).hasSize(names.size());
        double randomCoverage = ((Number) ((List<?>) coverage.get(0).get("data")).get(names.indexOf("random")))
                .doubleValue();
        assertThat(randomCoverage).isCloseTo(100 * score("random", OfferMode.ANY).at(10).coverage(),
                org.assertj.core.data.Percentage.withPercentage(0.05));
    }

    @Test
    void stabilityAndMigrationChartsShowTheResamplesAndTheMatrix() {
        BootstrapStability.Result s = evaluation.result().stability().orElseThrow();
        List<Map<String, Object>> ari = series("evaluation-ari");
        assertThat((List<?>) ari.get(0).get("data")).hasSize(GeneratedEvaluation.RESAMPLES);
        Map<?, ?> meanLine = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ari.get(0).get("markLine")).get("data")).get(0);
        assertThat(((Number) meanLine.get("yAxis")).doubleValue()).isCloseTo(s.meanAdjustedRand(),
                org.assertj.core.data.Offset.offset(1e-3));
        List<Map<String, Object>> jaccard = series("evaluation-jaccard");
        List<?> bars = (List<?>) jaccard.get(0).get("data");
        assertThat(bars).hasSize(s.k());
        for (int c = 0; c < s.k(); c++) {
            assertThat(((Map<?, ?>) ((Map<?, ?>) bars.get(c)).get("itemStyle")).get("color"))
                    .isEqualTo(Palette.segment(c));
        }
        long drawnResamples = Arrays.stream(s.jaccard()).flatMapToDouble(Arrays::stream).filter(v -> !Double.isNaN(v))
                .count();
        assertThat((List<?>) jaccard.get(1).get("data")).hasSize((int) drawnResamples);
        long[][] moved = evaluation.result().migration().orElseThrow().moved();
        List<?> cells = (List<?>) series("evaluation-migration").get(0).get("data");
        assertThat(cells).hasSize(moved.length * moved[0].length);
        long total = cells.stream().mapToLong(c -> ((Number) ((List<?>) c).get(2)).longValue()).sum();
        assertThat(total).isEqualTo(Arrays.stream(moved).flatMapToLong(Arrays::stream).sum());
    }

    @Test
    void theTablesListEveryRecommenderAndEveryComparison() throws IOException {
        String html = Files.readString(evaluation.report(), StandardCharsets.UTF_8);
        assertThat(count(html, "<table class=\"numbers eval-metrics\"")).isEqualTo(2);
        int recommenders = recommenderNames().size();
        String section = html.substring(html.indexOf("<section id=\"evaluation\">"));
        for (String name : recommenderNames()) {
            // one row per mode in the metrics tables, one per mode in the comparison table but the reference's
            String badge = name.equals(evaluation.result().defaultRecommender())
                    ? " <span class=\"badge\">default</span>" : "";
            assertThat(count(section, "<td title=\"" + Html.escape(score(name, OfferMode.ANY).description())
                    + "\">" + name + badge + "</td>")).as(name).isEqualTo(2);
        }
        String comparisons = section.substring(section.indexOf("<table class=\"numbers comparisons\""));
        comparisons = comparisons.substring(0, comparisons.indexOf("</table>"));
        assertThat(count(comparisons, "<tr><td>")).isEqualTo(2 * (recommenders - 1));
        RecommenderEvaluation.Comparison global = evaluation.result().comparisons().stream()
                .filter(c -> c.recommender().equals("global_quantity") && c.mode() == OfferMode.ANY
                        && c.n() == 10).findFirst().orElseThrow();
        assertThat(comparisons).contains(String.format(Locale.ROOT, "%+.3f ± %.3f", global.hitRate().mean(),
                global.hitRate().standardError()));
        EvaluationReport.Population p = data.evaluation().orElseThrow().population();
        assertThat(section).contains(Html.count(p.evaluatedAny()), Html.count(p.evaluatedNewOnly()),
                Html.count(p.catalogueSize()));
    }

    @Test
    void theMetricsTablesMarkTheDefaultAndShowEachRecommendersTrainingTimeAndStateSize() throws IOException {
        String html = Files.readString(evaluation.report(), StandardCharsets.UTF_8);
        String section = html.substring(html.indexOf("<section id=\"evaluation\">"));
        String chosen = evaluation.result().defaultRecommender();
        assertThat(recommenderNames()).contains(chosen);
        // one default row per mode's table, the run's recommender's, named in the note above the tables
        assertThat(count(section, " <span class=\"badge\">default</span></td>")).isEqualTo(2);
        assertThat(Pattern.compile("<tr class=\"(reference )?default\"><td title=\"[^\"]*\">" + Pattern.quote(chosen)
                + " <span").matcher(section).results().count()).isEqualTo(2);
        assertThat(section).contains("marks the recommender of the run (" + chosen + ")");
        int fitted = 0;
        for (String name : recommenderNames()) {
            HoldoutEvaluation.Training t = evaluation.result().trainings().getOrDefault(name,
                    new HoldoutEvaluation.Training(0, 0));
            fitted += t.stateBytes() > 0 ? 1 : 0;
            for (String mode : List.of("any", "new_only")) {
                String table = section.substring(section.indexOf("data-mode=\"" + mode + "\""));
                table = table.substring(0, table.indexOf("</table>"));
                String row = table.substring(table.indexOf("\">" + name + (name.equals(chosen) ? " <span" : "</td>")));
                row = row.substring(0, row.indexOf("</tr>"));
                assertThat(row).as(name + " " + mode).endsWith("<td class=\"train\">"
                        + EvaluationSection.milliseconds(t.millis()) + "</td><td class=\"state\">"
                        + EvaluationSection.bytes(t.stateBytes()) + "</td>");
            }
        }
        // the fitted recommenders (co-purchase, ease, als, hybrid...) hold state: the column is not all zeros
        assertThat(fitted).isGreaterThanOrEqualTo(4);
        EvaluationReport.Recommender fromFile = data.evaluation().orElseThrow().recommenders().stream()
                .filter(EvaluationReport.Recommender::isDefault).findFirst().orElseThrow();
        assertThat(fromFile.name()).isEqualTo(chosen);
        assertThat(EvaluationSection.defaultRecommender(data.evaluation().orElseThrow())).hasValue(chosen);
    }

    @Test
    void timesAndSizesReadAsPeopleWriteThem() {
        assertThat(EvaluationSection.milliseconds(0)).isEqualTo("0 ms");
        assertThat(EvaluationSection.milliseconds(850)).isEqualTo("850 ms");
        assertThat(EvaluationSection.milliseconds(12_345)).isEqualTo("12.3 s");
        assertThat(EvaluationSection.bytes(0)).isEqualTo("0 B");
        assertThat(EvaluationSection.bytes(1023)).isEqualTo("1023 B");
        assertThat(EvaluationSection.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(EvaluationSection.bytes(5L * 1024 * 1024)).isEqualTo("5 MB");
        assertThat(EvaluationSection.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3 GB");
    }

    @Test
    void theConclusionNamesTheWinnerOfEachModeFromTheScores() {
        String conclusion = EvaluationSection.conclusion(data.evaluation().orElseThrow());
        for (OfferMode mode : List.of(OfferMode.ANY, OfferMode.NEW_ONLY)) {
            RecommenderEvaluation.Score best = evaluation.result().scores().stream().filter(s -> s.mode() == mode)
                    .max(Comparator.comparingDouble(s -> s.at(10).hitRate())).orElseThrow();
            assertThat(conclusion).contains((mode == OfferMode.ANY ? "any product" : "new products only")
                    + ", " + best.recommender() + " wins: " + Html.percent(best.at(10).hitRate()));
        }
    }

    @Test
    void theConclusionFollowsHandWrittenNumbers() throws IOException {
        // reference 50% hit rate@10, global 30%, paired difference -0.2 +- 0.01: a clear win of the reference
        EvaluationReport clear = file(0.5, 0.3, -0.2, 0.01);
        assertThat(EvaluationSection.conclusion(clear)).isEqualTo("With any product, segment_quantity wins: 50.0% of"
                + " customers bought at least one of its 10 recommendations, 20.0 points ahead of global_quantity."
                + " The reference rule (segment_quantity) beats global best sellers by 20.0 ± 1.0 points of hit"
                + " rate@10.");
        // global 31%, reference 30%, difference +0.01 +- 0.01: within two standard errors
        EvaluationReport noise = file(0.30, 0.31, 0.01, 0.01);
        assertThat(EvaluationSection.conclusion(noise)).isEqualTo("With any product, global_quantity wins: 31.0% of"
                + " customers bought at least one of its 10 recommendations, 1.0 points ahead of segment_quantity"
                + " and 1.0 ahead of the reference rule (segment_quantity, 30.0%). Neither the reference rule nor"
                + " global best sellers beats the other beyond noise (reference minus global: -1.0 ± 1.0 points of"
                + " hit rate@10).");
        EvaluationReport worse = file(0.30, 0.40, 0.1, 0.01);
        assertThat(EvaluationSection.conclusion(worse)).endsWith("Global best sellers beat the reference rule"
                + " (segment_quantity) by 10.0 ± 1.0 points of hit rate@10.");
        // no stability or migration block: those parts are left out, not drawn empty
        EvaluationReport bare = data.evaluation().orElseThrow().withoutOptionalBlocks();
        ReportData without = new ReportData(data.summary(), data.customers(), data.topProducts(),
                data.recommendations(), data.profile(), Optional.of(bare));
        assertThat(ReportBuilder.charts(without)).doesNotContainKeys("evaluation-ari", "evaluation-jaccard",
                "evaluation-migration").containsKeys("evaluation-hit-rate-any", "evaluation-coverage");
        assertThat(ReportBuilder.html(without)).doesNotContain("Segment stability", "Segment migration");
    }

    /** The generated evaluation with hand-written scores: two recommenders in mode any, one comparison at 10. */
    private static EvaluationReport file(double referenceHit, double globalHit, double difference,
                                         double standardError) {
        EvaluationReport.Difference none = new EvaluationReport.Difference(0, 0);
        return data.evaluation().orElseThrow().withScores(
                List.of(recommender("segment_quantity", referenceHit), recommender("global_quantity", globalHit)),
                new EvaluationReport.Comparisons(Optional.of("segment_quantity"), "d",
                        List.of(new EvaluationReport.Comparison("global_quantity", "any", 10, none, none,
                                new EvaluationReport.Difference(difference, standardError), none))));
    }

    private static EvaluationReport.Recommender recommender(String name, double hitRate) {
        return new EvaluationReport.Recommender(name, "d", "any", 100,
                List.of(new EvaluationReport.AtN(10, 0.1, Double.NaN, hitRate, Double.NaN, Double.NaN)), false, 0, 0);
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
