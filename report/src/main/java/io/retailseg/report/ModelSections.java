package io.retailseg.report;

import static io.retailseg.report.Options.list;
import static io.retailseg.report.Options.map;

import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunSummary;
import io.retailseg.domain.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The features, outliers, PCA and choice-of-k sections. */
final class ModelSections {
    private ModelSections() {
    }

    /** Seed of the report's samples: the run's own seed, so a rebuilt report draws the same customers. */
    static long seed(ReportData d) {
        return d.summary().config().seed();
    }

    /** Histograms of the 15 features and their correlations. */
    static final class FeatureDistributions implements Section {
        @Override
        public String id() {
            return "features";
        }

        @Override
        public String title() {
            return "Customer features";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            RunCsv.Customers c = d.customers();
            List<Chart> histograms = new ArrayList<>();
            for (Feature f : Feature.values()) {
                histograms.add(histogram(f, column(c.features(), f)));
            }
            String intro = "<p>Each of the " + Html.count(c.size()) + " customers is described by 15 features computed"
                    + " from their cleaned lines (definitions in the project's SPEC). Most money-related features are"
                    + " heavily skewed: a few wholesalers buy far more than everybody else.</p>";
            return List.of(new Text(intro), new Figures(histograms), new Figure(correlation(d)));
        }

        static Chart histogram(Feature f, double[] values) {
            ChartStats.Bins bins = ChartStats.bins(values);
            long[] counts = bins.counts(values);
            List<Object> names = new ArrayList<>();
            for (int b = 0; b < bins.count(); b++) {
                names.add(bins.label(b));
            }
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "grid", map("left", 10, "right", 15, "top", 40, "bottom", 50, "containLabel", true),
                    "xAxis", Options.categoryAxis(Features.withUnit(f), names),
                    "yAxis", map("type", "value", "name", "customers", "nameLocation", "end", "nameTextStyle", map("align", "left")),
                    "series", list(map("name", "customers", "type", "bar", "barCategoryGap", "5%",
                            "data", longs(counts), "itemStyle", map("color", Palette.PRIMARY))));
            String label = Features.label(f);
            return new Chart("feature-hist-" + Features.slug(f), label,
                    "Each bar counts the customers whose " + label + " value falls in the range under it; the"
                            + " tallest bars are the most common values.",
                    clipNote(bins), Chart.SMALL, option);
        }

        static Chart correlation(ReportData d) {
            RunCsv.Customers c = d.customers();
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                if (!c.outlier()[i]) {
                    rows.add(c.features()[i]);
                }
            }
            double[][] corr = ChartStats.correlation(rows.toArray(new double[0][]));
            List<Object> names = new ArrayList<>();
            for (Feature f : Feature.values()) {
                names.add(Features.label(f));
            }
            List<Object> cells = new ArrayList<>();
            for (int a = 0; a < Feature.COUNT; a++) {
                for (int b = 0; b < Feature.COUNT; b++) {
                    Double v = Options.round(Math.round(corr[a][b] * 100) / 100.0);
                    cells.add(list(b, a, Double.isNaN(corr[a][b]) ? "-" : v));
                }
            }
            Map<String, Object> option = map(
                    "tooltip", map("position", "top"),
                    "grid", map("left", 10, "right", 90, "top", 10, "bottom", 10, "containLabel", true),
                    "xAxis", map("type", "category", "data", names, "axisLabel", map("rotate", 45, "interval", 0),
                            "splitArea", map("show", true)),
                    "yAxis", map("type", "category", "data", names, "inverse", true, "axisLabel", map("interval", 0),
                            "splitArea", map("show", true)),
                    "visualMap", map("min", -1, "max", 1, "calculable", true, "orient", "vertical", "right", 0,
                            "top", "middle", "text", list("+1", "-1"),
                            "inRange", map("color", list("#2166AC", "#F7F7F7", "#B2182B"))),
                    "series", list(map("name", "Pearson correlation", "type", "heatmap", "data", cells,
                            "label", map("show", true, "fontSize", 9))));
            return new Chart("correlation", "Correlation between features",
                    "Each cell is the Pearson correlation of two features (from -1, blue, to +1, red); dark cells mark"
                            + " features that carry the same information, which PCA then combines.",
                    "Over the " + Html.count(rows.size()) + " customers that are not outliers (those that go into PCA).",
                    560, option);
        }
    }

    /** How many outliers, and how they differ. */
    static final class Outliers implements Section {
        @Override
        public String id() {
            return "outliers";
        }

        @Override
        public String title() {
            return "Outliers";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            RunCsv.Customers c = d.customers();
            List<double[]> out = new ArrayList<>();
            List<double[]> rest = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                (c.outlier()[i] ? out : rest).add(c.features()[i]);
            }
            double[] meanAll = ChartStats.means(c.features(), Feature.COUNT);
            double[] sdAll = ChartStats.deviations(c.features(), meanAll);
            double[] meanOut = ChartStats.means(out.toArray(new double[0][]), Feature.COUNT);
            double[] meanRest = ChartStats.means(rest.toArray(new double[0][]), Feature.COUNT);
            RunSummary.Customers counts = d.summary().customers();
            String intro = "<p>An Isolation Forest flagged <strong>" + Html.count(counts.outliers()) + "</strong> of "
                    + Html.count(counts.total()) + " customers (" + Html.percent(
                    DataSections.ratio(counts.outliers(), counts.total())) + ") as outliers. They keep their features"
                    + " and flag in <code>customers.csv</code> but are left out of PCA, segments and"
                    + " recommendations, so that a handful of extreme wholesalers do not pull the segments.</p>";
            StringBuilder table = new StringBuilder("<table class=\"numbers\"><thead><tr><th>feature</th>"
                    + "<th>outliers: mean</th><th>the rest: mean</th></tr></thead><tbody>");
            for (Feature f : Feature.values()) {
                int j = f.ordinal();
                table.append("<tr><td>").append(Html.escape(Features.withUnit(f)))
                        .append("</td><td>").append(out.isEmpty() ? "n/a" : Html.number(meanOut[j]))
                        .append("</td><td>").append(rest.isEmpty() ? "n/a" : Html.number(meanRest[j]))
                        .append("</td></tr>");
            }
            table.append("</tbody></table>");
            return List.of(new Text(intro), new Figure(comparison(meanOut, meanRest, meanAll, sdAll, out.size(),
                    rest.size())), new Text("<details><summary>Feature means in their own units</summary>" + table
                    + "</details>"));
        }

        static Chart comparison(double[] meanOut, double[] meanRest, double[] meanAll, double[] sdAll, int outliers,
                                int rest) {
            List<Object> names = new ArrayList<>();
            List<Object> zOut = new ArrayList<>();
            List<Object> zRest = new ArrayList<>();
            for (Feature f : Feature.values()) {
                int j = f.ordinal();
                names.add(Features.label(f));
                double sd = sdAll[j] > 0 ? sdAll[j] : 1;
                zOut.add(outliers == 0 ? null : Options.round((meanOut[j] - meanAll[j]) / sd));
                zRest.add(rest == 0 ? null : Options.round((meanRest[j] - meanAll[j]) / sd));
            }
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "legend", map("top", 0),
                    "grid", map("left", 10, "right", 30, "top", 40, "bottom", 50, "containLabel", true),
                    "xAxis", Options.valueAxis("mean, in standard deviations from the mean of all customers"),
                    "yAxis", map("type", "category", "data", names, "inverse", true, "axisLabel", map("interval", 0)),
                    "series", list(
                            map("name", "outliers (" + Html.count(outliers) + ")", "type", "bar", "data", zOut,
                                    "itemStyle", map("color", Palette.REMOVED)),
                            map("name", "the rest (" + Html.count(rest) + ")", "type", "bar", "data", zRest,
                                    "itemStyle", map("color", Palette.PRIMARY))));
            return new Chart("outlier-means", "How outliers differ from the other customers",
                    "Bars to the right mean the group is above the average customer on that feature, in standard"
                            + " deviations; the red bars show what makes outliers unusual.",
                    "", 520, option);
        }
    }

    /** Explained variance per component. */
    static final class Pca implements Section {
        @Override
        public String id() {
            return "pca";
        }

        @Override
        public String title() {
            return "Principal components";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            RunSummary.Pca p = d.summary().pca();
            double[] all = p.allExplainedVarianceRatio();
            int kept = p.components();
            List<Object> names = new ArrayList<>();
            List<Object> bars = new ArrayList<>();
            List<Object> cumulative = new ArrayList<>();
            double sum = 0;
            double keptShare = 0;
            for (int c = 0; c < all.length; c++) {
                sum += all[c];
                if (c < kept) {
                    keptShare = sum;
                }
                names.add("PC" + (c + 1));
                bars.add(map("value", Options.round(100 * all[c]), "itemStyle",
                        map("color", c < kept ? Palette.PRIMARY : Palette.NEUTRAL)));
                cumulative.add(Options.round(100 * sum));
            }
            String keptLabel = kept + " components kept: " + Html.percent(keptShare) + " of the variance";
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "legend", map("top", 0, "data", list("explained variance", "cumulative")),
                    "grid", Options.grid(70, 60),
                    "xAxis", Options.categoryAxis("principal component", names),
                    "yAxis", map("type", "value", "max", 100, "name", "variance explained (%)", "nameLocation", "end", "nameTextStyle", map("align", "left")),
                    "series", list(
                            map("name", "explained variance", "type", "bar", "data", bars,
                                    "itemStyle", map("color", Palette.PRIMARY),
                                    "markLine", map("symbol", "none", "lineStyle", map("type", "dashed", "color", "#333"),
                                            "label", map("formatter", keptLabel, "position", "insideEndTop"),
                                            "data", list(map("xAxis", "PC" + kept)))),
                            map("name", "cumulative", "type", "line", "data", cumulative,
                                    "itemStyle", map("color", Palette.SECONDARY),
                                    "label", map("show", true, "formatter", "{c}%", "fontSize", 10))));
            String intro = "<p>The standardized features are rotated into principal components, ordered by how much"
                    + " of the customers' variation each captures. The segments are found on the first " + kept
                    + " (" + Html.percent(keptShare) + " of the variance).</p>";
            return List.of(new Text(intro), new Figure(new Chart("pca-variance",
                    "Explained variance per component",
                    "Bars show the share of variance each component explains (blue: kept for clustering, grey: left"
                            + " out); the line adds them up, so read where it reaches the dashed marker.",
                    "", Chart.TALL, option)));
        }
    }

    /** Elbow, silhouette against k, silhouette plot. */
    static final class KChoice implements Section {
        @Override
        public String id() {
            return "choosing-k";
        }

        @Override
        public String title() {
            return "Choosing the number of segments";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            RunSummary.KSelection s = d.summary().kSelection();
            String intro = "<p><strong>k = " + s.chosenK() + "</strong>: " + Html.escape(s.reason()) + ".</p>"
                    + "<p class=\"muted\">Rule: " + Html.escape(s.rule()) + ".</p>";
            return List.of(new Text(intro), new Figures(List.of(elbow(s), silhouetteByK(s))),
                    new Figure(silhouettePlot(d)));
        }

        private static List<Object> marks(RunSummary.KSelection s) {
            List<Object> marks = list(map("xAxis", Integer.toString(s.chosenK()), "label",
                    map("formatter", "chosen k = " + s.chosenK(), "position", "end"),
                    "lineStyle", map("color", "#333", "type", "solid")));
            if (s.elbowK().isPresent() && s.elbowK().getAsInt() != s.chosenK()) {
                marks.add(map("xAxis", Integer.toString(s.elbowK().getAsInt()), "label",
                        map("formatter", "elbow k = " + s.elbowK().getAsInt(), "position", "end"),
                        "lineStyle", map("color", Palette.NEUTRAL, "type", "dashed")));
            }
            return marks;
        }

        /** One value per candidate k as a line, the chosen k (and the elbow) marked. */
        private static Map<String, Object> lineOverK(RunSummary.KSelection s,
                                                     java.util.function.ToDoubleFunction<RunSummary.Candidate> value,
                                                     String series, String yName, String color) {
            List<Object> ks = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (RunSummary.Candidate c : s.candidates()) {
                ks.add(Integer.toString(c.k()));
                values.add(Options.round(value.applyAsDouble(c)));
            }
            return map(
                    "tooltip", Options.axisTooltip(),
                    "grid", map("left", 10, "right", 30, "top", 40, "bottom", 60, "containLabel", true),
                    "xAxis", map("type", "category", "data", ks, "name", "k (number of segments)", "nameLocation",
                            "middle", "nameGap", 30, "boundaryGap", false),
                    "yAxis", map("type", "value", "name", yName, "nameLocation", "end", "nameTextStyle",
                            map("align", "left"), "scale", true),
                    "series", list(map("name", series, "type", "line", "data", values,
                            "itemStyle", map("color", color),
                            "markLine", map("symbol", "none", "silent", true, "data", marks(s)))));
        }

        static Chart elbow(RunSummary.KSelection s) {
            Map<String, Object> option = lineOverK(s, RunSummary.Candidate::inertia, "inertia",
                    "inertia (sum of squared distances)", Palette.PRIMARY);
            return new Chart("k-elbow", "Elbow plot",
                    "Inertia always falls as k grows; look for the bend (the elbow) after which more segments buy"
                            + " little extra tightness.",
                    s.elbowK().isEmpty() ? "" : "The elbow found by the Kneedle method is k = " + s.elbowK().getAsInt() + ".",
                    Chart.SMALL + 80, option);
        }

        static Chart silhouetteByK(RunSummary.KSelection s) {
            Map<String, Object> option = lineOverK(s, RunSummary.Candidate::silhouette, "silhouette",
                    "mean silhouette (-1 to 1)", Palette.SECONDARY);
            return new Chart("k-silhouette", "Silhouette score against k",
                    "Higher is better: customers are closer to their own segment than to the next one; the chosen k"
                            + " is the highest point, or the smallest k within the tolerance of it.",
                    "", Chart.SMALL + 80, option);
        }

        static Chart silhouettePlot(ReportData d) {
            Silhouettes s = Silhouettes.of(d, seed(d));
            List<Object> series = new ArrayList<>();
            int gap = Math.max(1, s.sampled() / 50);
            int position = 0;
            for (int seg = 0; seg < s.values().length; seg++) {
                List<Object> points = new ArrayList<>();
                for (double v : s.values()[seg]) {
                    points.add(list(position++, Options.round(v)));
                }
                position += gap;
                series.add(map("name", SegmentSections.legendName(d, seg), "type", "line", "data", points,
                        "showSymbol", false, "sampling", "lttb", "lineStyle", map("width", 1),
                        "areaStyle", map("opacity", 0.85), "itemStyle", map("color", Palette.segment(seg))));
            }
            double mean = s.mean();
            ((Map<String, Object>) series.get(0)).put("markLine", map("symbol", "none", "silent", true,
                    "lineStyle", map("color", "#333", "type", "dashed"),
                    "label", map("formatter", "mean " + String.format(Locale.ROOT, "%.3f", mean), "position", "insideEndTop"),
                    "data", list(map("yAxis", Options.round(mean)))));
            Map<String, Object> option = map(
                    "tooltip", map("trigger", "item"),
                    "legend", map("top", 0, "type", "scroll"),
                    "grid", Options.grid(70, 60),
                    "xAxis", map("type", "value", "name", "customers, sorted within each segment", "nameLocation",
                            "middle", "nameGap", 30, "axisLabel", map("show", false), "splitLine", map("show", false),
                            "max", position),
                    "yAxis", map("type", "value", "name", "silhouette (-1 to 1)", "nameLocation", "end", "nameTextStyle", map("align", "left"), "max", 1),
                    "series", series);
            String note = s.sampled() < s.customers()
                    ? "Computed on " + Html.count(s.sampled()) + " of " + Html.count(s.customers())
                    + " segmented customers drawn at random (seed " + seed(d) + "); the run's silhouette over all is "
                    + String.format(Locale.ROOT, "%.3f", d.summary().metrics().silhouette()) + "."
                    : "All " + Html.count(s.customers()) + " segmented customers.";
            return new Chart("silhouette-plot", "Silhouette plot of the chosen k = " + d.k(),
                    "Each customer is a thin vertical bar: tall means well inside its segment, near 0 on the border,"
                            + " below 0 closer to another segment; wide, tall blocks are well-separated segments.",
                    note, Chart.TALL, option);
        }
    }

    static List<Object> longs(long[] values) {
        List<Object> l = new ArrayList<>();
        for (long v : values) {
            l.add(v);
        }
        return l;
    }

    static double[] column(double[][] rows, Feature f) {
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = rows[i][f.ordinal()];
        }
        return v;
    }

    static String clipNote(ChartStats.Bins bins) {
        return bins.clipped() ? "Bars span the 1st to 99th percentile; the edge bars also count the values beyond"
                + " (from " + Html.number(bins.min()) + " to " + Html.number(bins.max()) + ")." : "";
    }
}
