package io.retailseg.report;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Queries of a report page open in a browser, shared by the browser tests. */
final class ChartPage {
    private final WebDriver driver;

    private ChartPage(WebDriver driver) {
        this.driver = driver;
    }

    /**
     * Skips the calling test class when Debian's chromium or chromedriver is missing, but fails it
     * when {@code CI} is set: CI must install them ({@code .ci/run}).
     */
    static void requireBrowser() {
        boolean installed = java.nio.file.Files.isExecutable(ReportBrowserTest.CHROMIUM)
                && java.nio.file.Files.isExecutable(ReportBrowserTest.CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            org.assertj.core.api.Assertions.assertThat(installed)
                    .as("CI must install chromium and chromium-driver (.ci/run)").isTrue();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "chromium or chromedriver not installed");
    }

    /** Opens {@code url} and waits until the page says every chart is drawn. */
    static ChartPage open(WebDriver driver, String url) {
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> ((JavascriptExecutor) d)
                .executeScript("return document.documentElement.getAttribute('data-charts-ready')") != null);
        return new ChartPage(driver);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Data points per series of a chart, as ECharts holds them after rendering. */
    @SuppressWarnings("unchecked")
    List<Long> seriesSizes(String id) {
        return (List<Long>) js("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "return c.getOption().series.map(function (s) { return (s.data || []).length; });", id);
    }

    /** Non-transparent pixels of a chart's canvases, or -1 when the element holds no ECharts instance. */
    long paintedPixels(String id) {
        Number painted = (Number) js("var el = document.getElementById(arguments[0]);"
                + "if (!echarts.getInstanceByDom(el)) { return -1; }"
                + "var painted = 0;"
                + "el.querySelectorAll('canvas').forEach(function (cv) {"
                + "  var px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;"
                + "  for (var i = 3; i < px.length; i += 4) { if (px[i] > 0) { painted++; } } });"
                + "return painted;", id);
        return painted.longValue();
    }
}
