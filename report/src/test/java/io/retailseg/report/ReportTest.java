package io.retailseg.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.InputException;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Feature;
import io.retailseg.ml.ClusterMetrics;
import io.retailseg.pipeline.RunResult;
import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunJson;
import io.retailseg.runfolder.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report built from a generated run's files, without a browser. */
class ReportTest {
    @TempDir
    static Path dir;

    private static GeneratedRun run;
    private static ReportData data;

    @BeforeAll
    static void generate() {
        run = GeneratedRun.create(dir, 20_000, RunConfig.builder().k(3).seed(9).build());
        data = RunFiles.read(run.folder());
    }

    @Test
    void runFilesReadBackWhatTheRunComputed() {
        RunResult r = run.result();
        assertThat(data.k()).isEqualTo(3);
        assertThat(data.customers().size()).isEqualTo(r.customers().size());
        for (int i = 0; i < r.customers().size(); i++) {
            assertThat(data.customers().ids()[i]).isEqualTo(r.customers().customerId(i));
            assertThat(data.customers().segment()[i]).isEqualTo(r.segmentation().segmentAt(i).orElse(-1));
            assertThat(data.customers().features()[i]).containsExactly(r.customers().matrix()[i]);
            if (r.pcaScores()[i] != null) {
                assertThat(data.customers().pcs()[i]).containsExactly(r.pcaScores()[i]);
            }
        }
        assertThat(data.profile()).isEqualTo(r.dataProfile());
        assertThat(data.summary().metrics().silhouette()).isEqualTo(r.metrics().silhouette());
        assertThat(data.summary().pca().allExplainedVarianceRatio()).containsExactly(r.pca().allExplainedVarianceRatio());
        assertThat(data.recommendations()).hasSize(r.recommendations().size());
        assertThat(data.topProducts()).hasSize(r.topProducts().size());
        assertThat(data.evaluation()).isEmpty();
    }

    @Test
    void theSameRunGivesTheSameBytes() {
        assertThat(Report.html(RunFiles.read(run.folder()))).isEqualTo(Report.html(data));
        assertThat(Report.html(data)).isEqualTo(readBytes(run.report()));
    }

    @Test
    void thePageIsSelfContained() {
        String html = new String(readBytes(run.report()), StandardCharsets.UTF_8);
        // the chart data, the ECharts library and the page's script, all inline: nothing else
        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(count(html, "<script>\n" + ReportBuilder.echarts() + "\n</script>")).isEqualTo(1);
        String markup = html.replaceAll("(?s)<script[^>]*>.*?</script>", "<script></script>");
        assertThat(Pattern.compile("<(script|link|img|iframe|object|embed)[^>]+(src|href)=").matcher(markup).find())
                .as("an element that loads a file").isFalse();
        assertThat(Pattern.compile("url\\(").matcher(markup).find()).as("a CSS url()").isFalse();
        assertThat(markup.contains("Apache ECharts " + ReportBuilder.echartsVersion())).isTrue();
    }

    @Test
    void everyChartHasATitleAReadingHintAndAUniqueIdInThePage() {
        Map<String, Chart> charts = ReportBuilder.charts(data);
        String html = new String(readBytes(run.report()), StandardCharsets.UTF_8);
        for (Chart c : charts.values()) {
            assertThat(c.title()).as(c.id()).isNotBlank();
            assertThat(c.howToRead()).as(c.id()).endsWith(".");
            assertThat(count(html, "id=\"" + c.id() + "\"")).as(c.id()).isEqualTo(1);
        }
        assertThat(charts).containsKeys("missing-values", "cleaning-waterfall", "cancellations", "countries",
                "stock-codes", "monthly-revenue", "correlation", "outlier-means", "pca-variance", "k-elbow",
                "k-silhouette", "silhouette-plot", "pca-3d", "pca-2d-pc1-pc2", "pca-2d-pc1-pc3", "pca-2d-pc2-pc3",
                "segment-sizes", "segment-radar", "recommendation-counts");
        for (Feature f : Feature.values()) {
            assertThat(charts).containsKeys("feature-hist-" + Features.slug(f), "segment-hist-" + Features.slug(f));
        }
        assertThat(html).doesNotContain("id=\"evaluation\"");
    }

    @Test
    void theRecommendationSectionNamesTheRecommenderItsOfferModeWhyAndRule() {
        String html = new String(readBytes(run.report()), StandardCharsets.UTF_8);
        String section = html.substring(html.indexOf("<section id=\"recommendations\">"));
        section = section.substring(0, section.indexOf("</section>"));
        RunSummary.Recommendations rec = data.summary().recommendations();
        assertThat(rec.recommender()).isEqualTo(run.result().config().recommender());
        String from = section.substring(section.indexOf("<table class=\"recommender\">"));
        String table = from.substring(0, from.indexOf("</table>"));
        assertThat(table).contains("<tr><th>recommender</th><td>" + rec.recommender().id() + "</td></tr>",
                "<tr><th>offer mode</th><td>" + rec.offer().id() + " ",
                "<tr><th>why</th><td>" + Html.escape(rec.why()) + "</td></tr>",
                "<tr><th>rule</th><td>" + Html.escape(rec.rule()) + "</td></tr>");
        assertThat(rec.why()).isNotBlank();
        rec.parameters().forEach((name, value) -> assertThat(table).as(name)
                .contains(Html.escape(name) + " = " + Html.escape(String.valueOf(value))));
        // the evidence: a table row per cell when the run recorded it, else a note saying there is none
        assertThat(count(section, "<table class=\"numbers evidence\">")).isEqualTo(rec.evidence().isEmpty() ? 0 : 1);
        assertThat(count(section, "id=\"recommender-evidence-none\"")).isEqualTo(rec.evidence().isEmpty() ? 1 : 0);
    }

    @Test
    void theEvidenceTableShowsEveryHoldOutCellAndIsLeftOutWhenThereIsNone() {
        RunSummary.Recommendations rec = data.summary().recommendations();
        java.util.List<io.retailseg.recommend.RecommenderChoice.Evidence> cells = java.util.List.of(
                new io.retailseg.recommend.RecommenderChoice.Evidence("2011-09-01", "new_only", 0.512, 0.301,
                        "co_purchase", 0.452, 0.266),
                new io.retailseg.recommend.RecommenderChoice.Evidence("last 60 days", "any", 0.8, 0.55, "repeat<x>",
                        0.727, 0.5));
        String with = SegmentSections.Recommendations.recommender(new RunSummary.Recommendations(
                rec.customersWithFewerThanRequested(), rec.total(), rec.recommender(), rec.offer(), rec.parameters(),
                rec.why(), rec.rule(), cells));
        assertThat(with).contains("<tr><td>2011-09-01</td><td>new_only</td><td>0.512</td><td>0.301</td>"
                + "<td>co_purchase</td><td>0.452</td><td>0.266</td></tr>",
                "<tr><td>last 60 days</td><td>any</td><td>0.8</td><td>0.55</td><td>repeat&lt;x&gt;</td><td>0.727</td>"
                        + "<td>0.5</td></tr>").doesNotContain("recommender-evidence-none");
        assertThat(count(with, "<tr><td>")).isEqualTo(2);
        String without = SegmentSections.Recommendations.recommender(new RunSummary.Recommendations(
                rec.customersWithFewerThanRequested(), rec.total(), io.retailseg.config.RecommenderKind.CO_PURCHASE,
                io.retailseg.config.OfferMode.ANY, Map.of(), "w", "r", java.util.List.of()));
        assertThat(without).contains("<tr><th>recommender</th><td>co-purchase</td></tr>",
                "<tr><th>offer mode</th><td>any ", "<tr><th>parameters</th><td>none</td></tr>",
                "id=\"recommender-evidence-none\"").doesNotContain("<table class=\"numbers evidence\">");
    }

    @Test
    void theSampleTableHasTheScoreAndReasonOfEveryRecommendationOfItsCustomers() {
        String html = new String(readBytes(run.report()), StandardCharsets.UTF_8);
        String table = html.substring(html.indexOf("<table class=\"sample\">"));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table).contains("<th>Score</th><th>Reason</th>");
        Matcher row = Pattern.compile("<tr><td>(\\d+)</td><td>.*?</td><td>(\\d+)</td><td>(.*?) <span class=\"muted\">(.*?)"
                + "</span></td><td class=\"score\">(.*?)</td><td class=\"reason\">(.*?)</td></tr>").matcher(table);
        java.util.Set<Long> shown = new java.util.TreeSet<>();
        int rows = 0;
        while (row.find()) {
            long customer = Long.parseLong(row.group(1));
            int rank = Integer.parseInt(row.group(2));
            io.retailseg.recommend.Recommendation want = data.recommendations().stream()
                    .filter(r -> r.customerId() == customer && r.rank() == rank).findFirst().orElseThrow();
            assertThat(row.group(3)).isEqualTo(Html.escape(want.description()));
            assertThat(row.group(4)).isEqualTo(Html.escape(want.stockCode()));
            assertThat(row.group(5)).isEqualTo(Html.number(want.score()));
            assertThat(row.group(6)).isEqualTo(Html.escape(want.reason())).isNotBlank();
            shown.add(customer);
            rows++;
        }
        // the lowest CustomerIDs of each segment, those with recommendations
        java.util.Set<Long> sample = new java.util.TreeSet<>();
        int[] taken = new int[data.k()];
        for (int i = 0; i < data.customers().size(); i++) {
            int segment = data.customers().segment()[i];
            if (segment >= 0 && taken[segment]++ < SegmentSections.SAMPLE_CUSTOMERS_PER_SEGMENT) {
                sample.add(data.customers().ids()[i]);
            }
        }
        sample.retainAll(data.recommendations().stream().map(io.retailseg.recommend.Recommendation::customerId).toList());
        assertThat(shown).isEqualTo(sample).isNotEmpty();
        // every recommendation of the customers shown, none left out
        assertThat(rows).isEqualTo((int) data.recommendations().stream().filter(r -> shown.contains(r.customerId()))
                .count());
    }

    @Test
    void silhouettesOfTheReportAreTheRunsPerCustomerValues() {
        Silhouettes s = Silhouettes.of(data, 1);
        int segmented = run.result().customers().size() - run.result().outlierCount();
        assertThat(s.sampled()).isEqualTo(segmented);
        assertThat(s.mean()).isCloseTo(run.result().metrics().silhouette(), within(1e-9));
        for (double[] v : s.values()) {
            for (int i = 1; i < v.length; i++) {
                assertThat(v[i]).isLessThanOrEqualTo(v[i - 1]);
            }
        }
        assertThat(s.values()[0]).hasSize(run.result().profiles().get(0).size());
    }

    @Test
    void silhouettesAreSampledBeyondTheLimit() {
        double[][] x = new double[Silhouettes.MAX_CUSTOMERS + 500][];
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            labels[i] = i % 2;
            x[i] = new double[] {labels[i] * 10 + (i % 7) * 0.1, (i % 5) * 0.1};
        }
        assertThat(ClusterMetrics.silhouetteSamples(x, labels, 2, 1)).hasSize(x.length);
        ReportData big = new ReportData(data.summary(), new RunCsv.Customers(new long[x.length],
                new double[x.length][Feature.COUNT], new boolean[x.length], labels, x,
                io.retailseg.clv.CustomerValues.none(x.length)), data.topProducts(),
                data.recommendations(), data.profile(), java.util.Optional.empty());
        ReportData twoSegments = new ReportData(data.summary().withSegments(data.summary().segments().subList(0, 2)),
                big.customers(), big.topProducts(), big.recommendations(),
                big.profile(), big.evaluation());
        Silhouettes s = Silhouettes.of(twoSegments, 3);
        assertThat(s.sampled()).isEqualTo(Silhouettes.MAX_CUSTOMERS);
        assertThat(s.customers()).isEqualTo(x.length);
        assertThat(s.mean()).isGreaterThan(0.9); // two far-apart blobs
    }

    /**
     * Commits {@code files} (copied from the generated run, then {@code changes} applied: null deletes) as a run
     * into {@code out}, so the folder has a true run.json and the reader gets past it to the file under test.
     */
    private Path commit(Path out, java.util.Map<String, String> changes) throws IOException {
        io.retailseg.publish.OutputFolder folder = new io.retailseg.publish.OutputFolder(out);
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String f : new String[] {"summary.json", "customers.csv", "top_products.csv", "recommendations.csv",
            "data_profile.json"}) {
            files.put(f, Files.readString(run.folder().resolve(f)));
        }
        files.putAll(changes);
        files.forEach((name, text) -> {
            if (text != null) {
                // the copies become this run's files: they name its id, as a run's own files do
                String own = text.replaceFirst("\"run_id\" : \"[^\"]*\"", "\"run_id\" : \"" + folder.runId() + "\"");
                folder.add(name, own.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        folder.commit();
        return out.toRealPath();
    }

    private static java.util.Map<String, String> change(String name, String text) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put(name, text);
        return m;
    }

    @Test
    void aMissingOrBrokenRunFileIsBadInputNamingTheFile() throws IOException {
        Path broken = dir.resolve("broken");
        Path real = commit(broken, change("data_profile.json", null));
        assertThatThrownBy(() -> RunFiles.read(broken)).isInstanceOf(InputException.class)
                .hasMessage(real.resolve("data_profile.json") + ": file not found: expected the output of 'retailseg run'");
        real = commit(broken, change("data_profile.json", Files.readString(run.folder().resolve("data_profile.json"))
                .replaceFirst("\"InvoiceNo\" : \\d+,\\s*", "")));
        Path profile = real.resolve("data_profile.json");
        assertThatThrownBy(() -> RunFiles.read(broken)).isInstanceOf(InputException.class)
                .hasMessage(profile + ": field 'missing_values.InvoiceNo': expected a value, found none");
        String customers = Files.readString(run.folder().resolve("customers.csv"));
        real = commit(broken, change("customers.csv", customers.replaceFirst("\n(\\d+),", "\n$1x,")));
        Path customersFile = real.resolve("customers.csv");
        assertThatThrownBy(() -> RunFiles.read(broken)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(customersFile + ":2: field 'CustomerID': expected a whole number");
        // a file changed after the run wrote it is refused before it is parsed
        Files.writeString(customersFile, customers);
        assertThatThrownBy(() -> RunFiles.read(broken)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(broken + "/customers.csv: size ");
    }

    @Test
    void aFolderWithoutRunJsonIsRefusedWithAdviceToReRun() throws IOException {
        Path old = Files.createDirectories(dir.resolve("old-version"));
        Files.copy(run.folder().resolve("summary.json"), old.resolve("summary.json"));
        assertThatThrownBy(() -> RunFiles.read(old)).isInstanceOf(InputException.class)
                .hasMessageContaining("no run.json: written by an older retailseg version; re-run");
    }

    @Test
    void anEvaluationFileIsReadWhenPresent() throws IOException {
        Path withEvaluation = dir.resolve("evaluated");
        EvaluationReport written = EvaluationReport.of(java.util.Optional.empty(), new RunSummary.Input("x.csv", 10),
                io.retailseg.config.RunSettings.of(io.retailseg.config.RunConfig.defaults()), 1,
                new EvaluationReport.Split("2011-01-01", "2011-02-01", "2011-01-20", "holdout_days",
                        java.util.OptionalInt.of(12), 8, 2, "d"),
                new EvaluationReport.Population(1, 2, 0, 2, 1, 1, 1, 1, 1, "d"),
                new EvaluationReport.Training(3, 0.5, 0, java.util.List.of()),
                new EvaluationReport.MetricsDefinition("t", "p", "r", "h", "n", "c", "a"),
                java.util.List.of(new EvaluationReport.Recommender("x", "d", "any", 1,
                        java.util.List.of(new EvaluationReport.AtN(10, 0.1, 0.2, 0.1, 0.3, 0.4)), true, 12, 3_000)),
                new EvaluationReport.Comparisons(java.util.Optional.empty(), "d", java.util.List.of()),
                new EvaluationReport.Comparisons(java.util.Optional.empty(), "d", java.util.List.of()),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), Map.of());
        commit(withEvaluation, change(RunFolderLayout.EVALUATION,
                new String(RunJson.bytes(written), java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(RunFiles.read(withEvaluation).evaluation()).hasValueSatisfying(
                e -> assertThat(e.recommenders().get(0).at(10).orElseThrow().hitRate()).isEqualTo(0.1));
        Path real = commit(withEvaluation, change(RunFolderLayout.EVALUATION, "{\"hit_rate\": 0.1}"));
        assertThatThrownBy(() -> RunFiles.read(withEvaluation)).isInstanceOf(InputException.class)
                .hasMessage(real.resolve(RunFolderLayout.EVALUATION) + ": field 'format': expected"
                        + " \"retailseg-evaluation\", found none");
    }

    private static long count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        return m.results().count();
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
