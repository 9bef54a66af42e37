package io.retailseg.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.evaluate.BootstrapStability;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.pipeline.HoldoutEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Opens the report of a generated hold-out evaluation in headless Chromium and checks that the
 * evaluation section's charts drew what the evaluation computed, with no console error and no network
 * request. Skipped when Chromium is not installed, unless {@code CI} is set (as {@link ReportBrowserTest}).
 */
class EvaluationBrowserTest {
    @TempDir
    static Path dir;

    private static GeneratedEvaluation evaluation;
    private static ChromeDriver driver;
    private static ChartPage page;

    @BeforeAll
    static void openReport() {
        ChartPage.requireBrowser();
        evaluation = GeneratedEvaluation.create(dir, 30_000);
        driver = ReportBrowserTest.browser(dir.resolve("profile"));
        page = ChartPage.open(driver, evaluation.report().toUri().toString());
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }


    @Test
    void everyEvaluationChartPaintedItsCanvas() {
        Map<String, Chart> charts = ReportBuilder.charts(RunFiles.read(evaluation.folder()));
        List<String> ids = charts.keySet().stream().filter(id -> id.startsWith("evaluation-")).toList();
        assertThat(ids).containsExactly("evaluation-hit-rate-any", "evaluation-hit-rate-new-only",
                "evaluation-precision-any", "evaluation-precision-new-only", "evaluation-coverage", "evaluation-ari",
                "evaluation-jaccard", "evaluation-migration");
        for (String id : ids) {
            long painted = page.paintedPixels(id);
            assertThat(painted).as("painted pixels of chart " + id).isGreaterThan(2000);
        }
    }

    @Test
    void chartsDrewEveryRecommenderResampleAndCell() {
        HoldoutEvaluation.Result r = evaluation.result();
        long recommenders = r.scores().stream().map(RecommenderEvaluation.Score::recommender).distinct().count();
        for (String id : List.of("evaluation-hit-rate-any", "evaluation-hit-rate-new-only", "evaluation-precision-any",
                "evaluation-precision-new-only")) {
            List<Long> sizes = page.seriesSizes(id);
            assertThat(sizes).as(id).hasSize((int) recommenders);
            assertThat(sizes).as(id).containsOnly((long) HoldoutEvaluation.CUTOFFS.length);
        }
        assertThat(page.seriesSizes("evaluation-coverage")).containsExactly(recommenders, recommenders);
        BootstrapStability.Result s = r.stability().orElseThrow();
        assertThat(page.seriesSizes("evaluation-ari")).containsExactly((long) s.resamples());
        assertThat(page.seriesSizes("evaluation-jaccard").get(0)).isEqualTo(s.k());
        long k = r.training().k();
        assertThat(page.seriesSizes("evaluation-migration")).containsExactly(k * k);
        Object colour = page.js("var c = echarts.getInstanceByDom(document.getElementById('evaluation-jaccard'));"
                + "return c.getOption().series[0].data[1].itemStyle.color;");
        assertThat(colour).isEqualTo(Palette.segment(1));
        assertThat(driver.findElements(By.cssSelector("#evaluation table.eval-metrics tbody tr")))
                .hasSize((int) (2 * recommenders));
    }

    @Test
    void noConsoleErrorAndNoNetworkRequest() {
        List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(problems).isEmpty();
        Number resources = (Number) page.js("return performance.getEntriesByType('resource').length;");
        assertThat(resources.intValue()).as("resources fetched by the page").isZero();
    }
}
