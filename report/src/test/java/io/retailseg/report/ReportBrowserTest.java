package io.retailseg.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.config.RunConfig;
import io.retailseg.domain.Feature;
import io.retailseg.pipeline.RunResult;
import io.retailseg.recommend.Recommendation;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens the report of a generated run in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) and checks that every chart drew what the run computed, with no console
 * error and no network request. Skipped when Chromium is not installed, unless {@code CI} is set, where
 * it fails: CI installs it ({@code .ci/run}).
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;

    private static GeneratedRun run;
    private static ChromeDriver driver;
    private static ChartPage page;

    @BeforeAll
    static void openReport() {
        ChartPage.requireBrowser();
        run = GeneratedRun.create(dir, 30_000, RunConfig.builder().kRange(2, 6).seed(5).build());
        driver = browser(dir.resolve("profile"));
        page = ChartPage.open(driver, run.report().toUri().toString());
    }

    /** Headless Chromium as the team brief sets it up; Selenium Manager is never asked for a driver. */
    static ChromeDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }


    @SuppressWarnings("unchecked")
    private static List<Object> seriesData(String id, int series) {
        return (List<Object>) page.js("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "return c.getOption().series[arguments[1]].data;", id, series);
    }

    private static long total(List<Long> sizes) {
        return sizes.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void everyChartIsAnEChartsInstanceThatPaintedItsCanvas() {
        Map<String, Chart> charts = ReportBuilder.charts(RunFiles.read(run.folder()));
        assertThat(charts).hasSizeGreaterThan(40);
        for (String id : charts.keySet()) {
            long painted = page.paintedPixels(id);
            assertThat(painted).as("painted pixels of chart " + id).isGreaterThan(2000);
        }
        Number rendered = (Number) page.js("return document.querySelectorAll('.plot canvas').length");
        assertThat(rendered.intValue()).isGreaterThanOrEqualTo(charts.size());
    }

    @Test
    void dataChartsDrawWhatTheRunComputed() {
        RunResult r = run.result();
        assertThat(page.seriesSizes("missing-values")).containsExactly(8L);
        assertThat(page.seriesSizes("cleaning-waterfall")).containsOnly((long) r.cleaning().steps().size() + 2);
        assertThat(page.seriesSizes("cancellations")).containsExactly(3L, 3L);
        assertThat(page.seriesSizes("countries")).containsOnly((long) Math.min(10, r.dataProfile().countries().size()));
        assertThat(page.seriesSizes("stock-codes")).containsExactly((long) r.dataProfile().stockCodes().size());
        assertThat(page.seriesSizes("monthly-revenue")).containsExactly((long) r.dataProfile().months().size());
        @SuppressWarnings("unchecked")
        Map<String, Object> firstMissing = (Map<String, Object>) seriesData("missing-values", 0).get(6);
        assertThat(((Number) firstMissing.get("value")).longValue()).as("CustomerID missing")
                .isEqualTo(r.dataProfile().missing().get(6).missing());
    }

    @Test
    void featureChartsCountEveryCustomer() {
        RunResult r = run.result();
        for (Feature f : Feature.values()) {
            String id = "feature-hist-" + Features.slug(f);
            long customers = seriesData(id, 0).stream().mapToLong(v -> ((Number) v).longValue()).sum();
            assertThat(customers).as(id).isEqualTo(r.customers().size());
            assertThat(page.seriesSizes("segment-hist-" + Features.slug(f))).as(f.columnName()).hasSize(r.k());
        }
        assertThat(page.seriesSizes("correlation")).containsExactly((long) Feature.COUNT * Feature.COUNT);
        assertThat(page.seriesSizes("outlier-means")).containsExactly((long) Feature.COUNT, (long) Feature.COUNT);
        assertThat(page.seriesSizes("pca-variance")).containsExactly((long) Feature.COUNT, (long) Feature.COUNT);
    }

    @Test
    void kChoiceAndSilhouettePlotMatchTheRun() {
        RunResult r = run.result();
        long candidates = r.kSelection().candidates().size();
        assertThat(page.seriesSizes("k-elbow")).containsExactly(candidates);
        assertThat(page.seriesSizes("k-silhouette")).containsExactly(candidates);
        int segmented = r.customers().size() - r.outlierCount();
        List<Long> silhouettes = page.seriesSizes("silhouette-plot");
        assertThat(silhouettes).hasSize(r.k());
        assertThat(total(silhouettes)).isEqualTo(segmented);
        Number mean = (Number) page.js("var c = echarts.getInstanceByDom(document.getElementById('silhouette-plot'));"
                + "return c.getOption().series[0].markLine.data[0].yAxis;");
        assertThat(mean.doubleValue()).isCloseTo(r.metrics().silhouette(), within(1e-3));
    }

    @Test
    void segmentChartsShowEverySegmentedCustomerInItsColour() {
        RunResult r = run.result();
        int segmented = r.customers().size() - r.outlierCount();
        for (String id : List.of("pca-2d-pc1-pc2", "pca-2d-pc1-pc3", "pca-2d-pc2-pc3")) {
            List<Long> sizes = page.seriesSizes(id);
            assertThat(sizes).as(id).hasSize(r.k());
            for (int s = 0; s < r.k(); s++) {
                assertThat(sizes.get(s)).as(id + " segment " + s).isEqualTo(r.profiles().get(s).size());
            }
        }
        List<Long> cloud = page.seriesSizes("pca-3d");
        assertThat(cloud).hasSize(r.k() + 2); // segments, then the axes and their names
        assertThat(total(cloud.subList(0, r.k()))).isEqualTo(segmented);
        for (String id : List.of("pca-3d", "pca-2d-pc1-pc2", "silhouette-plot")) {
            for (int s = 0; s < r.k(); s++) {
                Object colour = page.js("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                        + "return c.getOption().series[arguments[1]].itemStyle.color;", id, s);
                assertThat(colour).as(id + " segment " + s).isEqualTo(Palette.segment(s));
            }
        }
        assertThat(page.seriesSizes("segment-sizes")).containsExactly((long) r.k(), (long) r.k());
        assertThat(page.seriesSizes("segment-radar")).containsExactly((long) r.k());
    }

    @Test
    void recommendationCountsAddUpToTheSegmentedCustomers() {
        RunResult r = run.result();
        Map<Long, Integer> perCustomer = new HashMap<>();
        for (Recommendation rec : r.recommendations()) {
            perCustomer.merge(rec.customerId(), 1, Integer::sum);
        }
        long full = perCustomer.values().stream().filter(n -> n == 3).count();
        int segmented = r.customers().size() - r.outlierCount();
        List<Object> bars = seriesData("recommendation-counts", 0);
        assertThat(bars).hasSize(4);
        @SuppressWarnings("unchecked")
        long lastBar = ((Number) ((Map<String, Object>) bars.get(3)).get("value")).longValue();
        assertThat(lastBar).isEqualTo(full);
        long all = bars.stream().mapToLong(b -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> bar = (Map<String, Object>) b;
            return ((Number) bar.get("value")).longValue();
        }).sum();
        assertThat(all).isEqualTo(segmented);
        List<WebElement> cards = driver.findElements(By.cssSelector("#segment-cards article.card"));
        assertThat(cards).hasSize(r.k());
    }

    @Test
    void theRecommendationSectionShowsTheRecommenderAndAReasonPerSampleRow() {
        RunResult r = run.result();
        WebElement recommender = driver.findElement(By.cssSelector("#recommendations table.recommender"));
        assertThat(recommender.isDisplayed()).isTrue();
        assertThat(recommender.getAttribute("textContent")).contains(r.config().recommender().id(),
                r.config().offer().id());
        List<WebElement> rows = driver.findElements(By.cssSelector("#recommendations table.sample tbody tr"));
        assertThat(rows).isNotEmpty();
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(cells).hasSize(6);
            long customer = Long.parseLong(cells.get(0).getAttribute("textContent").trim());
            String rank = cells.get(2).getAttribute("textContent").trim();
            if (rank.isEmpty()) {
                continue;
            }
            Recommendation want = r.recommendations().stream()
                    .filter(x -> x.customerId() == customer && x.rank() == Integer.parseInt(rank)).findFirst()
                    .orElseThrow();
            assertThat(cells.get(5).getAttribute("textContent")).isEqualTo(want.reason()).isNotBlank();
        }
    }

    @Test
    void draggingTheThreeDimensionalViewTurnsIt() {
        WebElement cloud = driver.findElement(By.id("pca-3d"));
        page.js("arguments[0].scrollIntoView({block: 'center'});", cloud);
        Object before = page.js("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('pca-3d'))"
                + ".getOption().series[0].data[0]);");
        new Actions(driver).moveToElement(cloud).clickAndHold().moveByOffset(80, 30).release().perform();
        Object after = page.js("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('pca-3d'))"
                + ".getOption().series[0].data[0]);");
        assertThat(after).isNotEqualTo(before);
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
