package io.retailseg.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the README's screenshots: {@code Screenshots REPORT.html OUTDIR [id ...]} saves the page header
 * and each named element (section or figure id) as {@code OUTDIR/report-<id>.png}. Not a test: run by
 * hand on a report of the real data (docs/images/README.md says how).
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        ChromeDriver driver = ReportBrowserTest.browser(Files.createTempDirectory("retailseg-shots"));
        try {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(report.toUri().toString());
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> ((JavascriptExecutor) d)
                    .executeScript("return document.documentElement.getAttribute('data-charts-ready')") != null);
            ((JavascriptExecutor) driver).executeScript(
                    "document.querySelector('nav').style.position = 'static';"
                            + "Object.values(window.retailsegCharts).forEach(function (c) {"
                            + " c.setOption({animation: false}); });");
            Thread.sleep(1500);
            for (int i = 2; i < args.length; i++) {
                WebElement e = driver.findElement(By.id(args[i]));
                driver.manage().window().setSize(new Dimension(1280, e.getRect().getHeight() + 250));
                Thread.sleep(1000);
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();", e);
                Thread.sleep(500);
                Files.write(out.resolve("report-" + args[i] + ".png"), e.getScreenshotAs(OutputType.BYTES));
            }
        } finally {
            driver.quit();
        }
    }
}
