package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.pipeline.RunResult;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

        // customer search
        long customer = segmentedCustomer(run);
        int row = run.customers().rowOf(customer);
        driver.findElement(By.id("customer-id")).sendKeys(Long.toString(customer));
        driver.findElement(By.id("customer-search")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-result")));
        assertThat(driver.findElement(By.id("customer-heading")).getText()).isEqualTo("Customer " + customer);
        assertThat(driver.findElement(By.id("customer-segment")).getText())
                .isEqualTo("Segment " + run.segmentation().segmentAt(row).orElse(-1) + ": " + run.profiles().get(run.segmentation().segmentAt(row).orElse(-1)).name());
        // each recommended product with the reason it was made, next to it
        List<String> want = run.recommendations().stream().filter(r -> r.customerId() == customer)
                .map(r -> r.stockCode() + " " + r.description() + " — " + r.reason()).toList();
        assertThat(want).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#customer-recommendations li")))
                .extracting(WebElement::getText).containsExactlyElementsOf(want);
        assertThat(driver.findElements(By.cssSelector("#customer-recommendations li .reason")))
                .extracting(WebElement::getText).containsExactlyElementsOf(run.recommendations().stream()
                        .filter(r -> r.customerId() == customer).map(Recommendation::reason).toList());
        assertThat(driver.findElement(By.id("run-recommender")).getText())
                .isEqualTo(run.config().recommender().id() + " (" + run.config().offer().id() + ")");
        assertThat(driver.findElement(By.id("customer-features")).getText()).contains("Total Spend");

        // an unknown customer: the API's message, shown
        WebElement input = driver.findElement(By.id("customer-id"));
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
}
