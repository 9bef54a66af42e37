package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.retailseg.config.RunConfig;
import io.retailseg.pipeline.HoldoutEvaluation;
import io.retailseg.pipeline.ProgressListener;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.publish.EvaluationWriter;
import io.retailseg.publish.OutputFolder;
import io.retailseg.report.Report;
import io.retailseg.recommend.Recommendation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromedriver): the segment overview and
 * its charts, a customer search, pasted lines scored, and no error in the browser console. Skipped
 * when Chromium is not installed, unless {@code CI} is set (then it fails).
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final TwoRuns RUNS = TwoRuns.INSTANCE;

    private static RetailSegServer server;
    private static WebDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(installed, "Chromium or chromedriver not installed at /usr/bin");
        } else {
            assertThat(installed).as("CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)")
                    .isTrue();
        }
        server = RetailSegServer.start(RetailSegServer.Settings.of(RUNS.folderA).withPort(0));
        profile = Files.createTempDirectory("retailseg-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private static long segmentedCustomer(RunResult run) {
        for (int i = 0; i < run.customers().size(); i++) {
            if (!run.outlier()[i]) {
                return run.customers().customerId(i);
            }
        }
        throw new AssertionError("no segmented customer");
    }

    @Test
    void overviewSearchAndScoringShowTheRunsAnswers() {
        RunResult run = RUNS.a;
        driver.get(server.url() + "/");

        // overview: one row per segment, with its name and size, and the two charts drawn
        await().until(d -> d.findElements(By.cssSelector("#segments-table tbody tr")).size() == run.k());
        List<WebElement> rows = driver.findElements(By.cssSelector("#segments-table tbody tr"));
        for (int s = 0; s < run.k(); s++) {
            String row = rows.get(s).getText();
            assertThat(row).contains(run.profiles().get(s).name()).contains(Integer.toString(run.profiles().get(s).size()));
        }
        assertThat(driver.findElement(By.id("run-id")).getText()).isEqualTo(server.runId());
        await().until(d -> !d.findElements(By.cssSelector("#radar canvas")).isEmpty()
                && !d.findElements(By.cssSelector("#sizes canvas")).isEmpty());
        Object radarSeries = ((JavascriptExecutor) driver).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('radar')).getOption().series[0].data.length");
        assertThat(((Number) radarSeries).intValue()).isEqualTo(run.k());

        // customer look-up: opens the customer's page
        long customer = segmentedCustomer(run);
        int row = run.customers().rowOf(customer);
        driver.findElement(By.id("customer-id")).sendKeys(Long.toString(customer));
        driver.findElement(By.id("customer-search")).click();
        await().until(d -> d.findElement(By.id("customer-title")).getText().equals("Customer " + customer));
        int segmentOf = run.segmentation().segmentAt(row).orElse(-1);
        assertThat(driver.findElement(By.id("customer-where")).getText())
                .isEqualTo("In segment " + segmentOf + ": " + run.profiles().get(segmentOf).name());
        // each recommended product with the reason it was made, next to it
        List<String> want = run.recommendations().stream().filter(r -> r.customerId() == customer)
                .map(r -> r.stockCode() + " " + r.description() + " — " + r.reason()).toList();
        assertThat(want).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#customer-recs li")))
                .extracting(WebElement::getText).containsExactlyElementsOf(want);
        assertThat(driver.findElements(By.cssSelector("#customer-recs li .reason")))
                .extracting(WebElement::getText).containsExactlyElementsOf(run.recommendations().stream()
                        .filter(r -> r.customerId() == customer).map(Recommendation::reason).toList());
        assertThat(driver.findElement(By.id("run-recommender")).getText())
                .isEqualTo(run.config().recommender().id() + " (" + run.config().offer().id() + ")");
        assertThat(driver.findElement(By.id("customer-compare")).getText()).contains("Total Spend");

        // an unknown customer: back on the overview, the API's message shown
        driver.get(server.url() + "/#/");
        WebElement input = await().until(ExpectedConditions.elementToBeClickable(By.id("customer-id")));
        input.clear();
        input.sendKeys("1");
        driver.findElement(By.id("customer-search")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-error")));
        assertThat(driver.findElement(By.id("customer-error")).getText()).contains("no customer 1");

        // pasted lines scored: the customer's own lines give their segment and recommendations
        WebElement area = driver.findElement(By.id("score-input"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", area, RUNS.csvOf(customer));
        driver.findElement(By.id("score-button")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("score-result")));
        List<WebElement> scored = driver.findElements(By.cssSelector("#score-result tbody tr"));
        assertThat(scored).hasSize(1);
        String text = scored.get(0).getText();
        assertThat(text).startsWith(Long.toString(customer))
                .contains(run.segmentation().segmentAt(row).orElse(-1) + ": " + run.profiles().get(run.segmentation().segmentAt(row).orElse(-1)).name())
                .contains(run.recommendations().stream().filter(r -> r.customerId() == customer)
                        .map(Recommendation::stockCode).findFirst().orElseThrow());
        assertThat(scored.get(0).findElements(By.cssSelector(".reason"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(run.recommendations().stream().filter(r -> r.customerId() == customer)
                        .map(Recommendation::reason).toList());

        // bad pasted lines: the API's one-line error, shown
        area.clear();
        area.sendKeys("InvoiceNo,StockCode\n1,2\n");
        driver.findElement(By.id("score-button")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("score-error")));
        assertThat(driver.findElement(By.id("score-error")).getText()).startsWith("request body");

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // the two refused API calls above are logged by the browser as failed resources
                .filter(e -> !e.getMessage().contains("the server responded with a status of 4"))
                .toList();
        assertThat(severe).isEmpty();
    }

    /** The severe entries of the browser's console since the last call, the refused API calls (4xx) aside. */
    private static List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("the server responded with a status of 4"))
                .toList();
    }

    private static List<String> column(String table, int index) {
        return driver.findElements(By.cssSelector("#" + table + " tbody tr td:nth-child(" + index + ")")).stream()
                .map(WebElement::getText).toList();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new java.util.ArrayList<>();
        page.get("customers").forEach(c -> out.add(c.get("customer_id").asText()));
        return out;
    }

    /** Waits until the customer table shows exactly the ids of the API's page {@code query}; returns the page. */
    private static JsonNode awaitPage(Http http, int segment, String query) {
        JsonNode page = http.get("/api/segments/" + segment + "/customers?" + query).json();
        List<String> want = ids(page);
        await().until(d -> column("segment-customers", 1).equals(want));
        return page;
    }

    @Test
    void aSegmentsPageSortsFiltersPagesAndExportsAsTheApiDoes() {
        Http http = new Http(server.url());
        consoleErrors();
        JsonNode segment = http.get("/api/segments/0").json();
        int size = segment.get("size").asInt();
        // from the overview by keyboard: the segment's name is a link
        driver.get(server.url() + "/");
        WebElement segmentLink = await().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#segments-table a[href='#/segment/0']")));
        segmentLink.sendKeys(Keys.ENTER);
        await().until(d -> d.findElement(By.id("segment-title")).getText()
                .equals("Segment 0: " + segment.get("name").asText()));
        assertThat(driver.findElement(By.id("segment-facts")).getText()).startsWith(size + " customers");
        assertThat(driver.findElements(By.cssSelector("#segment-profile tbody tr"))).hasSize(15);
        assertThat(driver.findElements(By.cssSelector("#segment-best tbody tr")))
                .hasSize(segment.get("top_products").size());
        await().until(d -> !d.findElements(By.cssSelector("#segment-chart canvas")).isEmpty());

        // the first page, by id: the API's first page
        JsonNode page = awaitPage(http, 0, "limit=50&offset=0&sort=customer_id&order=asc");
        assertThat(driver.findElement(By.id("page-status")).getText())
                .isEqualTo("1–" + Math.min(50, size) + " of " + size);
        assertThat(page.get("total").asInt()).isEqualTo(size);

        // sort by spend: once ascending, again (by keyboard) descending; the focus stays on the heading
        driver.findElement(By.cssSelector("button[data-sort='Total_Spend']")).click();
        awaitPage(http, 0, "limit=50&offset=0&sort=Total_Spend&order=asc");
        driver.findElement(By.cssSelector("button[data-sort='Total_Spend']")).sendKeys(Keys.ENTER);
        awaitPage(http, 0, "limit=50&offset=0&sort=Total_Spend&order=desc");
        assertThat(driver.findElement(By.cssSelector("th[aria-sort='descending'] button")).getAttribute("data-sort"))
                .isEqualTo("Total_Spend");
        await().until(d -> "Total_Spend".equals(((JavascriptExecutor) d)
                .executeScript("return document.activeElement.dataset.sort")));

        // 25 rows a page, then the next page
        new Select(driver.findElement(By.id("page-size"))).selectByVisibleText("25");
        awaitPage(http, 0, "limit=25&offset=0&sort=Total_Spend&order=desc");
        driver.findElement(By.id("page-next")).click();
        awaitPage(http, 0, "limit=25&offset=25&sort=Total_Spend&order=desc");
        assertThat(driver.findElement(By.id("page-status")).getText()).startsWith("26–");
        driver.findElement(By.id("page-prev")).click();
        awaitPage(http, 0, "limit=25&offset=0&sort=Total_Spend&order=desc");

        // a filter: spend from the median up
        List<JsonNode> all = new java.util.ArrayList<>();
        http.get("/api/segments/0/customers?limit=1000&sort=Total_Spend").json().get("customers").forEach(all::add);
        String median = all.get(all.size() / 2).at("/features/Total_Spend").asText();
        new Select(driver.findElement(By.id("filter-feature"))).selectByValue("Total_Spend");
        driver.findElement(By.id("filter-min")).sendKeys(median);
        driver.findElement(By.id("filter-apply")).click();
        JsonNode filtered = awaitPage(http, 0, "limit=25&offset=0&sort=Total_Spend&order=desc&feature=Total_Spend&min="
                + median);
        assertThat(filtered.get("total").asInt()).isLessThan(size).isPositive();
        await().until(d -> d.findElement(By.id("page-status")).getText()
                .endsWith(" of " + filtered.get("total").asInt()));

        // the export: the same customers, sort and filter as the API's pages, every page
        String href = driver.findElement(By.id("segment-export")).getAttribute("href");
        Http.Reply csv = http.get(href.substring(server.url().length()));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines[0]).startsWith("CustomerID,Outlier_Score,Days_Since_Last_Purchase,");
        List<JsonNode> want = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += 7) {
            JsonNode p = http.get("/api/segments/0/customers?limit=7&offset=" + offset
                    + "&sort=Total_Spend&order=desc&feature=Total_Spend&min=" + median).json();
            p.get("customers").forEach(want::add);
            if (offset + 7 >= p.get("total").asInt()) {
                break;
            }
        }
        assertThat(lines).hasSize(want.size() + 1);
        String[] header = lines[0].split(",");
        for (int i = 0; i < want.size(); i++) {
            String[] cells = lines[i + 1].split(",");
            JsonNode c = want.get(i);
            assertThat(Long.parseLong(cells[0])).isEqualTo(c.get("customer_id").asLong());
            assertThat(Double.parseDouble(cells[1])).isEqualTo(c.get("outlier_score").asDouble());
            for (int f = 2; f < header.length; f++) {
                assertThat(Double.parseDouble(cells[f])).as(header[f]).isEqualTo(c.at("/features/" + header[f]).asDouble());
            }
        }

        // a customer of the table: their page, features against the segment mean
        WebElement first = driver.findElement(By.cssSelector("#segment-customers tbody tr td a"));
        String id = first.getText();
        first.click();
        await().until(d -> d.findElement(By.id("customer-title")).getText().equals("Customer " + id));
        JsonNode c = http.get("/api/customers/" + id).json();
        assertThat(driver.findElements(By.cssSelector("#customer-compare tbody tr"))).hasSize(15);
        assertThat(column("customer-compare", 3).get(0)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f",
                c.at("/segment_means/Days_Since_Last_Purchase").asDouble()).replaceAll("\\.00$", ""));
        assertThat(driver.findElement(By.id("customer-outlier")).getText()).startsWith(String.format(
                java.util.Locale.ROOT, "Outlier score %.3f", c.get("outlier_score").asDouble()));
        assertThat(driver.findElements(By.cssSelector("#customer-recs li"))).hasSize(
                Math.max(1, c.get("recommendations").size()));
        // the customer's value, as the API gives it
        assertThat(driver.findElement(By.id("customer-value")).isDisplayed()).isTrue();
        List<WebElement> values = driver.findElements(By.cssSelector("#customer-value-list dd"));
        assertThat(values).hasSize(4);
        assertThat(values.get(0).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f %%",
                100 * c.get("p_alive").asDouble()));
        assertThat(values.get(3).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f",
                c.get("expected_value").asDouble()));
        // back to the segment by its link
        driver.findElement(By.id("customer-segment-link")).click();
        await().until(d -> d.findElement(By.id("segment-title")).isDisplayed());
        assertThat(consoleErrors()).isEmpty();
        // everything the page loaded came from this server
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allMatch(u -> u.startsWith(server.url() + "/"));
    }

    @Test
    void runQualityWithTheEvaluationAndTheReportLink() throws IOException {
        Path folder = RUNS.root.resolve("run-evaluated");
        if (!Files.exists(folder)) {
            HoldoutEvaluation.Result r = HoldoutEvaluation.run(RunConfig.builder().k(3).seed(1).build(),
                    TransactionSource.of(RUNS.lines.toString(), RUNS.raw),
                    new HoldoutEvaluation.Options(HoldoutEvaluation.Split.lastDays(60), 5, false),
                    ProgressListener.NONE);
            OutputFolder files = EvaluationWriter.files(r, folder);
            files.add(Report.FILE, Report.fromRunFiles());
            files.commit();
        }
        try (RetailSegServer evaluated = RetailSegServer.start(RetailSegServer.Settings.of(folder).withPort(0))) {
            Http http = new Http(evaluated.url());
            JsonNode summary = http.get("/api/summary").json();
            JsonNode evaluation = http.get("/api/evaluation").json();
            consoleErrors();
            driver.get(evaluated.url() + "/");
            await().until(ExpectedConditions.visibilityOfElementLocated(By.id("evaluation")));
            assertThat(driver.findElement(By.id("quality-k")).getText())
                    .startsWith("k = " + summary.at("/k_selection/chosen_k").asInt());
            assertThat(driver.findElement(By.id("quality-k-why")).getText())
                    .isEqualTo(summary.at("/k_selection/reason").asText());
            assertThat(driver.findElements(By.cssSelector("#quality-candidates tbody tr")))
                    .hasSize(summary.at("/k_selection/candidates").size());
            assertThat(driver.findElement(By.id("quality-metrics")).getText())
                    .contains(String.format(java.util.Locale.ROOT, "%.3f", summary.at("/metrics/silhouette").asDouble()));
            assertThat(driver.findElements(By.cssSelector("#evaluation-table tbody tr")))
                    .hasSize(evaluation.get("recommenders").size());
            JsonNode firstRecommender = evaluation.at("/recommenders/0");
            JsonNode at10 = null;
            for (JsonNode m : firstRecommender.get("metrics")) {
                if (m.get("n").asInt() == 10) {
                    at10 = m;
                }
            }
            assertThat(at10).isNotNull();
            assertThat(column("evaluation-table", 4).get(0)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f",
                    at10.get("hit_rate").asDouble()));
            assertThat(driver.findElement(By.id("evaluation-stability")).getText()).contains("adjusted Rand index");

            // the report: linked, served from the run folder with its own policy
            WebElement report = driver.findElement(By.id("report-link"));
            assertThat(report.isDisplayed()).isTrue();
            Http.Reply page = http.get("/report");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).isEqualTo(Files.readString(folder.resolve("report.html")));
            assertThat(consoleErrors()).isEmpty();
        }
        // a run without them: no evaluation block, no report link, 404 for both
        Http http = new Http(server.url());
        assertThat(http.get("/api/evaluation").status()).isEqualTo(404);
        assertThat(http.get("/report").status()).isEqualTo(404);
    }
}
