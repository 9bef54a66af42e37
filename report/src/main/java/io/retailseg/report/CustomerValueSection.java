package io.retailseg.report;

import static io.retailseg.report.Options.list;
import static io.retailseg.report.Options.map;

import io.retailseg.clv.HoldoutCheck;
import io.retailseg.domain.Feature;
import io.retailseg.runfolder.CustomerValueBlock;
import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who is still a customer and what each is worth (docs/definitions.md section 9): the fitted BG/NBD and
 * Gamma-Gamma models, P(alive) by recency and frequency (the classic heat map, here over the run's own
 * features: days since the last purchase and invoices), its distribution per segment, the expected value
 * of each segment, and, when the folder has an evaluation, the models against the hold-out with the
 * calibration chart. Drawn when the run fitted the models.
 */
final class CustomerValueSection implements Section {
    /** Upper bounds (inclusive) of the recency columns, days; the last column is everything above. */
    static final int[] RECENCY_BOUNDS = {30, 60, 90, 180, 270, 365};
    /** Upper bounds (inclusive) of the frequency rows, invoices; the last row is everything above. */
    static final int[] FREQUENCY_BOUNDS = {1, 2, 3, 4, 5, 10, 20};
    /** Bins of the P(alive) distribution: tenths. */
    static final int ALIVE_BINS = 10;
    private static final String HEAT_LOW = "#D55E00";
    private static final String HEAT_MID = "#F0E442";
    private static final String HEAT_HIGH = "#009E73";

    @Override
    public String id() {
        return "customer-value";
    }

    @Override
    public String title() {
        return "Who is still a customer, and what each is worth";
    }

    @Override
    public boolean applies(ReportData d) {
        return d.summary().customerValue().isPresent();
    }

    @Override
    public List<Block> blocks(ReportData d) {
        CustomerValueBlock v = d.summary().customerValue().orElseThrow();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Text(intro(d, v)));
        blocks.add(new Figure(heatMap(d)));
        List<Chart> perSegment = new ArrayList<>(List.of(distribution(d)));
        if (v.gammaGamma().isPresent()) {
            perSegment.add(valueBySegment(d, v));
        }
        blocks.add(new Figures(perSegment));
        Optional<EvaluationReport.CustomerValueCheck> check = d.evaluation().flatMap(EvaluationReport::customerValue);
        if (check.isPresent()) {
            blocks.add(new Text(holdout(check.get())));
            blocks.add(new Figure(calibration(check.get())));
        }
        return blocks;
    }

    private static String intro(ReportData d, CustomerValueBlock v) {
        StringBuilder b = new StringBuilder("<p>Segments say what kind of customer someone is; the BG/NBD model"
                + " (Fader, Hardie and Lee, 2005) says whether they are likely still buying, and with the Gamma-Gamma"
                + " model of spend, what they will spend. Fitted on " + Html.count(v.bgNbd().customers())
                + " customers' purchase days up to " + Html.escape(v.observationEnd()) + ": ");
        b.append(parameters(v.bgNbd()));
        b.append(v.gammaGamma().map(g -> "; spend: " + parameters(g)).orElse(""));
        b.append(". Predictions look ").append(v.horizonDays()).append(" days ahead; the expected value discounts")
                .append(" later spend at ").append(Html.percent(v.annualDiscountRate())).append(" a year.");
        v.gammaGammaMissing().ifPresent(why -> b.append(" No spend model: ").append(Html.escape(why)).append('.'));
        b.append("</p><ul>");
        for (RunSummary.Segment s : d.summary().segments()) {
            b.append("<li>").append(Html.escape(SegmentSections.legendName(d, s.id()))).append(": mean P(alive) ")
                    .append(s.meanProbabilityAlive().isPresent() ? Html.percent(s.meanProbabilityAlive().getAsDouble())
                            : "n/a");
            if (s.expectedValue().isPresent()) {
                b.append(", expected value ").append(Html.pounds(s.expectedValue().getAsDouble()));
            }
            b.append("</li>");
        }
        return b.append("</ul>").toString();
    }

    private static String parameters(CustomerValueBlock.FitBlock f) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : f.parameters().entrySet()) {
            Double se = f.standardErrors().get(e.getKey());
            b.append(b.length() == 0 ? "" : ", ").append(Html.escape(e.getKey())).append(" = ")
                    .append(Html.number(e.getValue()));
            if (se != null) {
                b.append(" (± ").append(Html.number(se)).append(')');
            }
        }
        return b.append(f.converged() ? "" : " (the optimiser did not converge)").toString();
    }

    private static int bucket(double v, int[] bounds) {
        for (int i = 0; i < bounds.length; i++) {
            if (v <= bounds[i]) {
                return i;
            }
        }
        return bounds.length;
    }

    private static List<Object> labels(int[] bounds, String unit) {
        List<Object> out = new ArrayList<>();
        int low = bounds[0] <= 1 ? bounds[0] : 0;
        for (int i = 0; i < bounds.length; i++) {
            int from = i == 0 ? low : bounds[i - 1] + 1;
            out.add(from == bounds[i] ? Integer.toString(from) : from + "-" + bounds[i]);
        }
        out.add("over " + bounds[bounds.length - 1] + unit);
        return out;
    }

    static Chart heatMap(ReportData d) {
        RunCsv.Customers c = d.customers();
        int rows = FREQUENCY_BOUNDS.length + 1;
        int columns = RECENCY_BOUNDS.length + 1;
        double[][] sum = new double[rows][columns];
        int[][] count = new int[rows][columns];
        for (int i = 0; i < c.size(); i++) {
            double alive = c.values().probabilityAlive()[i];
            if (Double.isNaN(alive)) {
                continue;
            }
            int row = bucket(c.features()[i][Feature.TOTAL_TRANSACTIONS.ordinal()], FREQUENCY_BOUNDS);
            int column = bucket(c.features()[i][Feature.DAYS_SINCE_LAST_PURCHASE.ordinal()], RECENCY_BOUNDS);
            sum[row][column] += alive;
            count[row][column]++;
        }
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                if (count[i][j] > 0) {
                    data.add(map("value", list(j, i, Options.round(sum[i][j] / count[i][j])),
                            "customers", count[i][j]));
                }
            }
        }
        Map<String, Object> option = map(
                "tooltip", map("trigger", "item"),
                "grid", map("left", 20, "right", 30, "top", 30, "bottom", 90, "containLabel", true),
                "xAxis", map("type", "category", "name", "days since the last purchase", "nameLocation", "middle",
                        "nameGap", 35, "data", labels(RECENCY_BOUNDS, " days"), "splitArea", map("show", true)),
                "yAxis", map("type", "category", "name", "invoices", "nameLocation", "end",
                        "data", labels(FREQUENCY_BOUNDS, ""), "splitArea", map("show", true)),
                "visualMap", map("min", 0, "max", 1, "calculable", false, "orient", "horizontal", "left", "center",
                        "bottom", 0, "text", list("P(alive) 1", "0"),
                        "inRange", map("color", list(HEAT_LOW, HEAT_MID, HEAT_HIGH))),
                "series", list(map("name", "mean P(alive)", "type", "heatmap", "data", data,
                        "label", map("show", true),
                        "emphasis", map("itemStyle", map("borderColor", "#000000", "borderWidth", 1)))));
        return new Chart("value-alive-heatmap", "P(alive) by recency and frequency",
                "Each cell is the mean probability that the customers with that many invoices, last seen that"
                        + " long ago, are still buying: green is likely active, red likely lost. Frequent buyers"
                        + " who have gone quiet turn red sooner than occasional ones.",
                "All customers with a purchase, outliers included; empty cells have no customer.", Chart.TALL, option);
    }

    static Chart distribution(ReportData d) {
        RunCsv.Customers c = d.customers();
        int[][] counts = new int[d.k()][ALIVE_BINS];
        int[] totals = new int[d.k()];
        for (int i = 0; i < c.size(); i++) {
            double alive = c.values().probabilityAlive()[i];
            int s = c.segment()[i];
            if (s < 0 || Double.isNaN(alive)) {
                continue;
            }
            counts[s][Math.min(ALIVE_BINS - 1, (int) (alive * ALIVE_BINS))]++;
            totals[s]++;
        }
        List<Object> bins = new ArrayList<>();
        for (int b = 0; b < ALIVE_BINS; b++) {
            bins.add(String.format(Locale.ROOT, "%.1f-%.1f", (double) b / ALIVE_BINS, (double) (b + 1) / ALIVE_BINS));
        }
        List<Object> series = new ArrayList<>();
        for (int s = 0; s < d.k(); s++) {
            List<Object> shares = new ArrayList<>();
            for (int b = 0; b < ALIVE_BINS; b++) {
                shares.add(Options.round(totals[s] == 0 ? 0 : 100.0 * counts[s][b] / totals[s]));
            }
            series.add(map("name", SegmentSections.shortName(s), "type", "bar", "data", shares,
                    "itemStyle", map("color", Palette.segment(s))));
        }
        Map<String, Object> option = map(
                "tooltip", Options.axisTooltip(),
                "legend", map("top", 0, "type", "scroll"),
                "grid", Options.grid(50, 50),
                "xAxis", Options.categoryAxis("P(alive)", bins),
                "yAxis", Options.yValueAxis("share of the segment (%)"),
                "series", series);
        return new Chart("value-alive-by-segment", "P(alive) in each segment",
                "For each segment, the share of its customers in each tenth of P(alive): bars on the right are"
                        + " customers who are likely still buying.", "", Chart.TALL, option);
    }

    static Chart valueBySegment(ReportData d, CustomerValueBlock v) {
        List<Object> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (RunSummary.Segment s : d.summary().segments()) {
            names.add(Integer.toString(s.id()));
            values.add(map("value", Options.round(s.expectedValue().orElse(Double.NaN)),
                    "itemStyle", map("color", Palette.segment(s.id()))));
        }
        Map<String, Object> option = map(
                "tooltip", Options.axisTooltip(),
                "grid", Options.grid(70, 50),
                "xAxis", Options.categoryAxis("segment", names),
                "yAxis", Options.yValueAxis("expected value, next " + v.horizonDays() + " days (£)"),
                "series", list(map("name", "expected value (£)", "type", "bar", "data", values)));
        return new Chart("value-by-segment", "Expected value of each segment",
                "The sum over the segment's customers of expected purchases times expected spend per purchase over the"
                        + " next " + v.horizonDays() + " days, discounted: where the money of the coming months is.",
                "", Chart.TALL, option);
    }

    private static String holdout(EvaluationReport.CustomerValueCheck c) {
        StringBuilder b = new StringBuilder("<h3 class=\"sub\">Checked on the hold-out</h3><p>Fitted on the lines"
                + " before the split and asked to predict each of " + Html.count(c.customers()) + " customers'"
                + " purchase days and spend over the " + Html.number(c.horizonDays()) + " days after it.</p>");
        b.append(table("Purchase days", c.purchases())).append(table("Spend (£)", c.spend()));
        return b.toString();
    }

    private static String table(String what, List<HoldoutCheck.Errors> rows) {
        StringBuilder b = new StringBuilder("<table class=\"numbers\"><caption>").append(Html.escape(what))
                .append("</caption><thead><tr><th>predictor</th><th>mean absolute error</th><th>root mean square"
                        + " error</th><th>total predicted</th><th>total actual</th></tr></thead><tbody>");
        for (HoldoutCheck.Errors e : rows) {
            b.append("<tr><td>").append(Html.escape(e.predictor())).append("</td><td>").append(Html.number(e.mae()))
                    .append("</td><td>").append(Html.number(e.rmse())).append("</td><td>")
                    .append(Html.number(e.totalPredicted())).append("</td><td>").append(Html.number(e.totalActual()))
                    .append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    static Chart calibration(EvaluationReport.CustomerValueCheck c) {
        List<Object> groups = new ArrayList<>();
        List<Object> predicted = new ArrayList<>();
        List<Object> actual = new ArrayList<>();
        for (HoldoutCheck.Calibration k : c.calibration()) {
            groups.add(k.frequency() + " (" + Html.count(k.customers()) + ")");
            predicted.add(Options.round(k.meanPredicted()));
            actual.add(Options.round(k.meanActual()));
        }
        Map<String, Object> option = map(
                "tooltip", Options.axisTooltip(),
                "legend", map("top", 0, "data", list("predicted (BG/NBD)", "actual")),
                "grid", Options.grid(50, 60),
                "xAxis", Options.categoryAxis("repeat purchase days before the split (customers)", groups),
                "yAxis", Options.yValueAxis("mean purchase days in the hold-out"),
                "series", list(map("name", "predicted (BG/NBD)", "type", "bar", "data", predicted,
                                "itemStyle", map("color", Palette.PRIMARY)),
                        map("name", "actual", "type", "bar", "data", actual,
                                "itemStyle", map("color", Palette.SECONDARY))));
        return new Chart("value-calibration", "Predicted against actual purchases in the hold-out",
                "Customers grouped by how often they bought before the split: equal bars mean the model's"
                        + " predictions are right on average for that group (the paper's calibration figure).",
                "", Chart.TALL, option);
    }
}
