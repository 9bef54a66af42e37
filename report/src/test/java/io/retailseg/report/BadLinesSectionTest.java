package io.retailseg.report;

import io.retailseg.runfolder.RunSummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lines skipped as unparseable ({@code --on-bad-lines skip}) in the data-quality section: a first waterfall bar and the first messages. */
class BadLinesSectionTest {
    private static final List<RunSummary.Step> STEPS = List.of(new RunSummary.Step("missing_values", 100, "no id"),
            new RunSummary.Step("duplicates", 10, "repeated"));

    @SuppressWarnings("unchecked")
    private static List<Object> categories(Chart chart) {
        return (List<Object>) ((Map<String, Object>) chart.option().get("xAxis")).get("data");
    }

    @Test
    void skippedLinesAreTheWaterfallsFirstBar() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        byReason.put("field_count", 2L);
        byReason.put("number", 1L);
        RunSummary.BadLines bad = new RunSummary.BadLines(3, byReason, List.of(
                new RunSummary.BadLine(17, "field_count", "data.csv:17: expected 8 fields, found 9"),
                new RunSummary.BadLine(40, "number", "data.csv:40: field 'Quantity': expected a whole number, found \"<b>\""),
                new RunSummary.BadLine(41, "field_count", "data.csv:41: expected 8 fields, found 10")));
        RunSummary.Cleaning c = new RunSummary.Cleaning(1000, STEPS, 890, 5, List.of(), bad);
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
        for (RunSummary.BadLines none : new RunSummary.BadLines[] {new RunSummary.BadLines(0, Map.of(), List.of())}) {
            Chart chart = DataSections.Quality.waterfall(new RunSummary.Cleaning(1000, STEPS, 890, 5, List.of(), none));
            assertThat(categories(chart)).containsExactly("lines read", "missing values", "duplicates", "lines kept");
        }
    }
}
