package io.retailseg.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.clv.HoldoutCheck;
import io.retailseg.domain.Feature;
import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer-value section against the files it is drawn from (an evaluation of generated lines, whose
 * folder holds the training fit's run files and {@code evaluation.json}): every number drawn is recomputed
 * here from {@code customers.csv}, {@code summary.json} and {@code evaluation.json}.
 */
class CustomerValueSectionTest {
    @TempDir
    static Path dir;

    private static ReportData data;
    private static Map<String, Chart> charts;

    @BeforeAll
    static void evaluate() {
        GeneratedEvaluation evaluation = GeneratedEvaluation.create(dir, 30_000);
        data = RunFiles.read(evaluation.folder());
        charts = ReportBuilder.charts(data);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> series(String chart) {
        return (List<Map<String, Object>>) charts.get(chart).option().get("series");
    }

    @Test
    void theSectionIsThereWhenTheRunFittedTheModels() {
        assertThat(data.summary().customerValue()).isPresent();
        assertThat(ReportBuilder.sections(data)).anyMatch(s -> s instanceof CustomerValueSection);
        assertThat(charts).containsKeys("value-alive-heatmap", "value-alive-by-segment", "value-by-segment",
                "value-calibration");
        ReportData without = new ReportData(data.summary().withoutCustomerValue(), data.customers(),
                data.topProducts(), data.recommendations(), data.profile(), Optional.empty());
        assertThat(ReportBuilder.sections(without)).noneMatch(s -> s instanceof CustomerValueSection);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachHeatMapCellIsTheMeanPAliveOfItsCustomers() {
        RunCsv.Customers c = data.customers();
        List<Map<String, Object>> cells = (List<Map<String, Object>>) series("value-alive-heatmap").get(0).get("data");
        int customers = 0;
        for (Map<String, Object> cell : cells) {
            List<Object> xy = (List<Object>) cell.get("value");
            int column = (Integer) xy.get(0);
            int row = (Integer) xy.get(1);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < c.size(); i++) {
                double invoices = c.features()[i][Feature.TOTAL_TRANSACTIONS.ordinal()];
                double days = c.features()[i][Feature.DAYS_SINCE_LAST_PURCHASE.ordinal()];
                if (!Double.isNaN(c.values().probabilityAlive()[i])
                        && in(invoices, row, CustomerValueSection.FREQUENCY_BOUNDS)
                        && in(days, column, CustomerValueSection.RECENCY_BOUNDS)) {
                    sum += c.values().probabilityAlive()[i];
                    n++;
                }
            }
            assertThat(cell.get("customers")).isEqualTo(n);
            assertThat((Double) xy.get(2)).isCloseTo(sum / n, within(5e-4 * Math.max(1, sum / n)));
            customers += n;
        }
        long withValue = java.util.Arrays.stream(c.values().probabilityAlive()).filter(v -> !Double.isNaN(v)).count();
        assertThat(customers).isEqualTo(withValue).isPositive();
    }

    /** Whether {@code v} lies in bucket {@code b} of {@code bounds} (inclusive upper bounds, the last open). */
    private static boolean in(double v, int b, int[] bounds) {
        double low = b == 0 ? Double.NEGATIVE_INFINITY : bounds[b - 1];
        double high = b == bounds.length ? Double.POSITIVE_INFINITY : bounds[b];
        return v > low && v <= high;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDistributionOfEachSegmentAddsUpToItsCustomers() {
        List<Map<String, Object>> s = series("value-alive-by-segment");
        assertThat(s).hasSize(data.k());
        for (int seg = 0; seg < data.k(); seg++) {
            double total = ((List<Object>) s.get(seg).get("data")).stream().mapToDouble(v -> (Double) v).sum();
            assertThat(total).as("segment %d", seg).isCloseTo(100, within(0.05));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theValueOfEachSegmentIsTheSumOfItsCustomersValues() {
        RunCsv.Customers c = data.customers();
        List<Map<String, Object>> bars = (List<Map<String, Object>>) series("value-by-segment").get(0).get("data");
        for (RunSummary.Segment seg : data.summary().segments()) {
            double sum = 0;
            for (int i = 0; i < c.size(); i++) {
                if (c.segment()[i] == seg.id() && !Double.isNaN(c.values().expectedValue()[i])) {
                    sum += c.values().expectedValue()[i];
                }
            }
            assertThat(seg.expectedValue().getAsDouble()).isCloseTo(sum, within(1e-6 * sum));
            assertThat((Double) bars.get(seg.id()).get("value")).isCloseTo(sum, within(5e-4 * sum));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCalibrationChartShowsTheEvaluationsMeans() {
        EvaluationReport.CustomerValueCheck check = data.evaluation().orElseThrow().customerValue().orElseThrow();
        List<Map<String, Object>> s = series("value-calibration");
        List<Object> predicted = (List<Object>) s.get(0).get("data");
        List<Object> actual = (List<Object>) s.get(1).get("data");
        for (int i = 0; i < check.calibration().size(); i++) {
            HoldoutCheck.Calibration k = check.calibration().get(i);
            assertThat((Double) predicted.get(i)).isCloseTo(k.meanPredicted(), within(5e-4 * Math.max(1, k.meanPredicted())));
            assertThat((Double) actual.get(i)).isCloseTo(k.meanActual(), within(5e-4 * Math.max(1, k.meanActual())));
        }
        assertThat(check.purchases()).extracting(HoldoutCheck.Errors::predictor)
                .containsExactly("bg_nbd", "past_rate", "population_rate");
    }
}
