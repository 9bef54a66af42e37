package io.retailseg.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lines skipped as unparseable ({@code --on-bad-lines skip}) in the data-quality section: a first waterfall bar and the first messages. */
class BadLinesSectionTest {
    private static final List<ReportData.Step> STEPS = List.of(new ReportData.Step("missing_values", 100, "no id"),
            new ReportData.Step("duplicates", 10, "repeated"));

    @SuppressWarnings("unchecked")
    private static List<Object> categories(Chart chart) {
        return (List<Object>) ((Map<String, Object>) chart.option().get("xAxis")).get("data");
    }

    @Test
    void skippedLinesAreTheWaterfallsFirstBar() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        byReason.put("field_count", 2L);
        byReason.put("number", 1L);
        ReportData.BadLines bad = new ReportData.BadLines(3, byReason, List.of(
                new ReportData.BadLine(17, "field_count", "data.csv:17: expected 8 fields, found 9"),
                new ReportData.BadLine(40, "number", "data.csv:40: field 'Quantity': expected a whole number, found \"<b>\""),
                new ReportData.BadLine(41, "field_count", "data.csv:41: expected 8 fields, found 10")));
        ReportData.Cleaning c = new ReportData.Cleaning(1000, STEPS, 890, 5, bad);
        Chart chart = DataSections.Quality.waterfall(c);
        assertThat(categories(chart)).containsExactly("unparseable lines skipped", "lines read", "missing values",
                "duplicates", "lines kept");
        assertThat(chart.howToRead()).contains("could not be parsed");

        String html = DataSections.Quality.skippedLines(bad);
        assertThat(html).contains("3 lines could not be parsed and were skipped", "field count: 2", "number: 1",
                "<code>data.csv:17: expected 8 fields, found 9</code>", "&lt;b&gt;");
    }

    @Test
    void withoutSkippedLinesTheWaterfallIsAsBefore() {
        for (ReportData.BadLines none : new ReportData.BadLines[] {null, new ReportData.BadLines(0, Map.of(), List.of())}) {
            Chart chart = DataSections.Quality.waterfall(new ReportData.Cleaning(1000, STEPS, 890, 5, none));
            assertThat(categories(chart)).containsExactly("lines read", "missing values", "duplicates", "lines kept");
        }
    }
}
