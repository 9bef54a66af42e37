package io.retailseg.report;

import static io.retailseg.report.Options.list;
import static io.retailseg.report.Options.map;

import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.RecommenderChoice;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunSummary;
import io.retailseg.domain.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The segments, segment cards and recommendations sections. */
final class SegmentSections {
    /** Most customers drawn in a scatter view; beyond, a seeded random sample of this many. */
    static final int MAX_SCATTER_POINTS = 5000;
    /** Customers per segment in the recommendation sample table. */
    static final int SAMPLE_CUSTOMERS_PER_SEGMENT = 3;

    private SegmentSections() {
    }

    /** {@code 0 · Frequent high spenders, UK}. */
    static String legendName(ReportData d, int segment) {
        return segment + " · " + d.summary().segments().get(segment).name();
    }

    /** {@code segment 0}: for the legends of small charts (the page header names the segments). */
    static String shortName(int segment) {
        return "segment " + segment;
    }

    private static String chip(int segment) {
        return "<span class=\"chip\" style=\"background:" + Palette.segment(segment) + "\"></span>";
    }

    /** 3D and 2D views, sizes, radar, per-segment histograms, quality metrics. */
    static final class Segments implements Section {
        @Override
        public String id() {
            return "segments";
        }

        @Override
        public String title() {
            return "Segments";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            RunCsv.Customers c = d.customers();
            int[] all = Sampling.segmented(c);
            int[] shown = Sampling.sample(all, MAX_SCATTER_POINTS, ModelSections.seed(d));
            String sampleNote = shown.length < all.length
                    ? Html.count(shown.length) + " of " + Html.count(all.length) + " segmented customers drawn at random"
                    + " (seed " + ModelSections.seed(d) + ") to keep the report small. "
                    : "All " + Html.count(all.length) + " segmented customers. ";
            sampleNote += "Outliers are not drawn: they have no principal component scores.";
            int components = shown.length == 0 || c.pcs()[shown[0]] == null ? 0 : c.pcs()[shown[0]].length;
            List<Block> blocks = new ArrayList<>();
            blocks.add(new Text(metrics(d)));
            if (components >= 3) {
                blocks.add(new Figure(rotatable(d, shown, sampleNote)));
            }
            List<Chart> views = new ArrayList<>();
            int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
            for (int[] pair : pairs) {
                if (pair[1] < components) {
                    views.add(scatter(d, shown, pair[0], pair[1], sampleNote));
                }
            }
            if (!views.isEmpty()) {
                blocks.add(new Figures(views));
            }
            blocks.add(new Figures(List.of(sizes(d), radar(d))));
            List<Chart> histograms = new ArrayList<>();
            for (Feature f : Feature.values()) {
                histograms.add(histogram(d, f));
            }
            blocks.add(new Text("<h3 class=\"sub\">Each feature, segment by segment</h3>"));
            blocks.add(new Figures(histograms));
            return blocks;
        }

        private static List<List<Object>> pointsBySegment(ReportData d, int[] rows, int... pcs) {
            List<List<Object>> points = new ArrayList<>();
            for (int s = 0; s < d.k(); s++) {
                points.add(new ArrayList<>());
            }
            for (int i : rows) {
                List<Object> p = new ArrayList<>();
                for (int pc : pcs) {
                    p.add(Options.round(d.customers().pcs()[i][pc]));
                }
                points.get(d.customers().segment()[i]).add(p);
            }
            return points;
        }

        static Chart rotatable(ReportData d, int[] rows, String note) {
            List<List<Object>> points = pointsBySegment(d, rows, 0, 1, 2);
            List<Object> names = new ArrayList<>();
            List<Object> colors = new ArrayList<>();
            for (int s = 0; s < d.k(); s++) {
                names.add(legendName(d, s));
                colors.add(Palette.segment(s));
            }
            double range = 0;
            for (int i : rows) {
                for (int pc = 0; pc < 3; pc++) {
                    range = Math.max(range, Math.abs(d.customers().pcs()[i][pc]));
                }
            }
            Map<String, Object> option = map(
                    "retailseg3d", map("points", points, "names", names, "colors", colors,
                            "axes", list("PC1", "PC2", "PC3"), "range", Options.round(range)),
                    "tooltip", map("trigger", "item"),
                    "legend", map("top", 0, "type", "scroll"));
            return new Chart("pca-3d", "Segments in 3D: the first three principal components",
                    "Drag the chart (or use the arrow buttons) to turn the cloud; each dot is a customer coloured by"
                            + " segment, and the three black lines are the PC1, PC2 and PC3 axes.",
                    note + " The 3D view is an orthographic projection drawn by the report itself.", 520, option);
        }

        static Chart scatter(ReportData d, int[] rows, int x, int y, String note) {
            List<List<Object>> points = pointsBySegment(d, rows, x, y);
            List<Object> series = new ArrayList<>();
            for (int s = 0; s < d.k(); s++) {
                series.add(map("name", shortName(s), "type", "scatter", "symbolSize", 4, "large", true,
                        "data", points.get(s), "itemStyle", map("color", Palette.segment(s), "opacity", 0.7)));
            }
            String xName = "PC" + (x + 1);
            String yName = "PC" + (y + 1);
            Map<String, Object> option = map(
                    "tooltip", map("trigger", "item"),
                    "legend", map("top", 0, "type", "scroll"),
                    "grid", map("left", 10, "right", 20, "top", 50, "bottom", 50, "containLabel", true),
                    "xAxis", map("type", "value", "name", xName + " score (standard units)", "nameLocation", "middle",
                            "nameGap", 30, "scale", true),
                    "yAxis", map("type", "value", "name", yName + " score", "nameLocation", "end", "nameTextStyle", map("align", "left"),
                            "scale", true),
                    "series", series);
            return new Chart("pca-2d-" + xName.toLowerCase(Locale.ROOT) + "-" + yName.toLowerCase(Locale.ROOT),
                    xName + " against " + yName,
                    "Each dot is a customer placed by two principal component scores; segments that overlap here may"
                            + " still be apart along another component.",
                    note, Chart.SMALL + 100, option);
        }

        static Chart sizes(ReportData d) {
            List<Object> names = new ArrayList<>();
            List<Object> customers = new ArrayList<>();
            List<Object> revenue = new ArrayList<>();
            int segmented = d.summary().customers().segmented();
            for (RunSummary.Segment s : d.summary().segments()) {
                names.add(Integer.toString(s.id()));
                customers.add(map("value", Options.round(100.0 * s.size() / Math.max(1, segmented)),
                        "itemStyle", map("color", Palette.segment(s.id())),
                        "label", map("show", true, "position", "top", "formatter", Html.count(s.size()))));
                revenue.add(map("value", Options.round(100 * s.revenueShare()),
                        "itemStyle", map("color", Palette.segment(s.id()), "decal", map("symbol", "rect",
                                "dashArrayX", list(1, 0), "dashArrayY", list(2, 3), "rotation", 0.785,
                                "color", "rgba(255,255,255,0.6)")),
                        "label", map("show", true, "position", "top", "formatter", "{c}%")));
            }
            Map<String, Object> option = map(
                    "aria", map("enabled", true, "decal", map("show", false)),
                    "tooltip", Options.axisTooltip(),
                    "legend", map("top", 0, "data", list("share of customers (%)", "share of revenue (%)")),
                    "grid", Options.grid(60, 50),
                    "xAxis", Options.categoryAxis("segment", names),
                    "yAxis", map("type", "value", "name", "share (%)", "nameLocation", "end", "nameTextStyle", map("align", "left")),
                    "series", list(map("name", "share of customers (%)", "type", "bar", "data", customers,
                                    "itemStyle", map("color", Palette.NEUTRAL)),
                            map("name", "share of revenue (%)", "type", "bar", "data", revenue,
                                    "itemStyle", map("color", Palette.NEUTRAL))));
            return new Chart("segment-sizes", "Segment sizes and revenue",
                    "For each segment, the plain bar is its share of customers (labelled with the count) and the"
                            + " hatched bar its share of revenue; a hatched bar taller than the plain one means the"
                            + " segment spends more than its size suggests.",
                    "Shares of the " + Html.count(segmented) + " segmented customers and of their total spend.",
                    Chart.SMALL + 120, option);
        }

        static Chart radar(ReportData d) {
            double limit = 0.5;
            for (RunSummary.Segment s : d.summary().segments()) {
                for (Feature f : Feature.values()) {
                    limit = Math.max(limit, Math.abs(s.standardizedMeans().getOrDefault(f.columnName(), 0.0)));
                }
            }
            limit = Math.ceil(limit * 2) / 2;
            List<Object> indicators = new ArrayList<>();
            for (Feature f : Feature.values()) {
                indicators.add(map("name", Features.label(f), "min", -limit, "max", limit));
            }
            List<Object> data = new ArrayList<>();
            for (RunSummary.Segment s : d.summary().segments()) {
                List<Object> values = new ArrayList<>();
                for (Feature f : Feature.values()) {
                    values.add(Options.round(s.standardizedMeans().getOrDefault(f.columnName(), 0.0)));
                }
                data.add(map("name", legendName(d, s.id()), "value", values,
                        "itemStyle", map("color", Palette.segment(s.id())),
                        "lineStyle", map("color", Palette.segment(s.id()), "width", 2),
                        "areaStyle", map("opacity", 0.08)));
            }
            Map<String, Object> option = map(
                    "tooltip", map("trigger", "item"),
                    "legend", map("top", 0, "type", "scroll"),
                    "radar", map("indicator", indicators, "radius", "55%", "center", list("50%", "58%"),
                            "axisName", map("color", "#333", "fontSize", 10)),
                    "series", list(map("name", "standardized means", "type", "radar", "data", data)));
            return new Chart("segment-radar", "Segment profiles (standardized feature means)",
                    "Each coloured shape is a segment; a point outside the middle ring means the segment's average"
                            + " on that feature is above the overall average, in standard deviations (scale -"
                            + Html.number(limit) + " to +" + Html.number(limit) + ").",
                    "", Chart.SMALL + 200, option);
        }

        static Chart histogram(ReportData d, Feature f) {
            RunCsv.Customers c = d.customers();
            int[] rows = Sampling.segmented(c);
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = c.features()[rows[i]][f.ordinal()];
            }
            ChartStats.Bins bins = ChartStats.bins(values);
            long[][] counts = new long[d.k()][bins.count()];
            long[] sizes = new long[d.k()];
            for (int i : rows) {
                int s = c.segment()[i];
                counts[s][bins.of(c.features()[i][f.ordinal()])]++;
                sizes[s]++;
            }
            List<Object> names = new ArrayList<>();
            for (int b = 0; b < bins.count(); b++) {
                names.add(bins.label(b));
            }
            List<Object> series = new ArrayList<>();
            for (int s = 0; s < d.k(); s++) {
                List<Object> shares = new ArrayList<>();
                for (long n : counts[s]) {
                    shares.add(Options.round(sizes[s] == 0 ? 0 : 100.0 * n / sizes[s]));
                }
                series.add(map("name", shortName(s), "type", "line", "step", "middle", "data", shares,
                        "showSymbol", false, "lineStyle", map("width", 2), "areaStyle", map("opacity", 0.12),
                        "itemStyle", map("color", Palette.segment(s))));
            }
            Map<String, Object> option = map(
                    "tooltip", map("trigger", "axis"),
                    "legend", map("top", 0, "type", "scroll", "itemWidth", 14, "textStyle", map("fontSize", 10)),
                    "grid", map("left", 10, "right", 15, "top", 40, "bottom", 50, "containLabel", true),
                    "xAxis", Options.categoryAxis(Features.withUnit(f), names),
                    "yAxis", map("type", "value", "name", "% of segment", "nameLocation", "end", "nameTextStyle", map("align", "left")),
                    "series", series);
            return new Chart("segment-hist-" + Features.slug(f), Features.label(f) + " by segment",
                    "Each coloured outline is one segment's distribution (share of its customers per range), so"
                            + " segments of different sizes compare directly.",
                    ModelSections.clipNote(bins), Chart.SMALL, option);
        }

        static String metrics(ReportData d) {
            RunSummary.Metrics m = d.summary().metrics();
            return "<div class=\"metrics\">"
                    + metric("Silhouette", String.format(Locale.ROOT, "%.3f", m.silhouette()),
                    "From -1 to 1, higher is better. Above 0.5: clearly separated segments; 0.25 to 0.5: real but"
                            + " overlapping structure; below 0.25: weak structure, segments are a convenient split of a"
                            + " continuum.", scale(m.silhouette(), -1, 1))
                    + metric("Calinski-Harabasz", String.format(Locale.ROOT, "%,.0f", m.calinskiHarabasz()),
                    "Between-segment over within-segment spread, higher is better. It has no absolute scale: compare"
                            + " it between runs on the same customers.", "")
                    + metric("Davies-Bouldin", String.format(Locale.ROOT, "%.3f", m.daviesBouldin()),
                    "0 or more, lower is better: the typical segment's spread relative to its distance to the nearest"
                            + " other segment. Below 1 means segments are further apart than they are wide.",
                    scale(Math.min(m.daviesBouldin(), 3), 3, 0))
                    + "</div>";
        }

        private static String metric(String name, String value, String meaning, String scale) {
            return "<div class=\"metric\"><div class=\"metric-name\">" + name + "</div><div class=\"metric-value\">"
                    + value + "</div>" + scale + "<p>" + Html.escape(meaning) + "</p></div>";
        }

        /** A bar from {@code worst} to {@code best} with a marker at {@code v}. */
        private static String scale(double v, double worst, double best) {
            double position = Math.max(0, Math.min(1, (v - worst) / (best - worst)));
            return "<div class=\"scale\" aria-hidden=\"true\"><span style=\"left:"
                    + String.format(Locale.ROOT, "%.1f", 100 * position) + "%\"></span></div>"
                    + "<div class=\"scale-ends\"><span>" + Html.number(worst) + " worse</span><span>better "
                    + Html.number(best) + "</span></div>";
        }
    }

    /** One card per segment: name, size, revenue, what sets it apart, top products. */
    static final class Cards implements Section {
        @Override
        public String id() {
            return "segment-cards";
        }

        @Override
        public String title() {
            return "The segments one by one";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            StringBuilder html = new StringBuilder("<div class=\"cards\">");
            int segmented = d.summary().customers().segmented();
            for (RunSummary.Segment s : d.summary().segments()) {
                html.append("<article class=\"card\" style=\"border-top-color:").append(Palette.segment(s.id()))
                        .append("\"><h3>").append(chip(s.id())).append("Segment ").append(s.id()).append(": ")
                        .append(Html.escape(s.name())).append("</h3><p class=\"facts\"><strong>")
                        .append(Html.count(s.size())).append("</strong> customers (")
                        .append(Html.percent(DataSections.ratio(s.size(), segmented))).append(") · <strong>")
                        .append(Html.percent(s.revenueShare())).append("</strong> of revenue</p>");
                html.append("<p>What sets it apart: ").append(Html.escape(words(s.distinguishing()))).append(".</p>");
                html.append("<table class=\"products\"><thead><tr><th>#</th><th>stock code</th><th>product</th>"
                        + "<th>units</th></tr></thead><tbody>");
                for (TopProduct p : d.topProducts()) {
                    if (p.segment() == s.id()) {
                        html.append("<tr><td>").append(p.rank()).append("</td><td>").append(Html.escape(p.stockCode()))
                                .append("</td><td>").append(Html.escape(p.description())).append("</td><td>")
                                .append(Html.count(p.quantity())).append("</td></tr>");
                    }
                }
                html.append("</tbody></table></article>");
            }
            html.append("</div>");
            return List.of(new Text(html.toString()));
        }

        /** {@code a, b and c}. */
        static String words(List<String> phrases) {
            if (phrases.isEmpty()) {
                return "close to the average on every feature";
            }
            if (phrases.size() == 1) {
                return phrases.get(0);
            }
            return String.join(", ", phrases.subList(0, phrases.size() - 1)) + " and " + phrases.get(phrases.size() - 1);
        }
    }

    /** How many recommendations customers get, and a sample. */
    static final class Recommendations implements Section {
        @Override
        public String id() {
            return "recommendations";
        }

        @Override
        public String title() {
            return "Recommendations";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            int wanted = d.summary().config().recommendationsPerCustomer();
            RunCsv.Customers c = d.customers();
            Map<Long, Integer> perCustomer = new java.util.HashMap<>();
            for (Recommendation r : d.recommendations()) {
                perCustomer.merge(r.customerId(), 1, Integer::sum);
            }
            long[] histogram = new long[wanted + 1];
            for (int i = 0; i < c.size(); i++) {
                if (c.segment()[i] >= 0) {
                    histogram[Math.min(wanted, perCustomer.getOrDefault(c.ids()[i], 0))]++;
                }
            }
            long fewer = 0;
            for (int n = 0; n < wanted; n++) {
                fewer += histogram[n];
            }
            RunSummary.Recommendations rec = d.summary().recommendations();
            boolean reference = rec.recommender() == RecommenderKind.SEGMENT_BEST_SELLERS;
            String what = reference ? "the best sellers of their segment that they have not bought yet"
                    : "the products the <strong>" + Html.escape(rec.recommender().id()) + "</strong> recommender"
                    + " ranks highest for them from their own purchases"
                    + (rec.offer() == OfferMode.ANY ? ", re-buys included" : ", none they have bought");
            String intro = "<p>Each segmented customer is offered " + what + ", up to " + wanted + ". "
                    + (fewer == 0 ? "Every segmented customer gets all " + wanted + "." : "<strong>"
                    + Html.count(fewer) + "</strong> customers get fewer than " + wanted
                    + (reference ? " because they already bought most of their segment's best sellers."
                    : " because the recommender has fewer candidates for them.")) + "</p>";
            return List.of(new Text(intro + recommender(rec)), new Figure(counts(histogram)), new Text(sample(d)));
        }

        /**
         * The recommender that made the lists: its name, offer mode, why it was chosen, the rule, its
         * parameters, and the hold-out numbers behind the default when the run recorded them.
         */
        static String recommender(RunSummary.Recommendations rec) {
            StringBuilder html = new StringBuilder("<table class=\"recommender\"><caption>The recommender</caption>"
                    + "<tbody>");
            html.append("<tr><th>recommender</th><td>").append(Html.escape(rec.recommender().id())).append("</td></tr>");
            html.append("<tr><th>offer mode</th><td>").append(Html.escape(rec.offer().id())).append(" <span class=\"muted\">")
                    .append(rec.offer() == OfferMode.ANY ? "(products the customer bought may be offered again)"
                            : "(only products the customer has not bought)").append("</span></td></tr>");
            html.append("<tr><th>why</th><td>").append(Html.escape(rec.why())).append("</td></tr>");
            html.append("<tr><th>rule</th><td>").append(Html.escape(rec.rule())).append("</td></tr>");
            StringBuilder parameters = new StringBuilder();
            rec.parameters().forEach((name, value) -> parameters.append(parameters.length() == 0 ? "" : ", ")
                    .append(Html.escape(name)).append(" = ").append(Html.escape(String.valueOf(value))));
            html.append("<tr><th>parameters</th><td>").append(parameters.length() == 0 ? "none" : parameters)
                    .append("</td></tr></tbody></table>");
            if (rec.evidence().isEmpty()) {
                return html.append("<p class=\"note\" id=\"recommender-evidence-none\">No hold-out numbers are recorded"
                        + " with this run; <code>retailseg evaluate</code> measures every recommender on a time split"
                        + " of the data.</p>").toString();
            }
            html.append("<div class=\"scroll\"><table class=\"numbers evidence\"><caption>The hold-out numbers"
                    + " behind the default, on the UCI file: hit rate@10 and NDCG@10 of the default and of the best"
                    + " other recommender in each cell</caption><thead><tr><th>split</th><th>mode</th>"
                    + "<th>hit rate@10</th><th>NDCG@10</th><th>runner-up</th><th>its hit rate@10</th>"
                    + "<th>its NDCG@10</th></tr></thead><tbody>");
            for (RecommenderChoice.Evidence e : rec.evidence()) {
                html.append("<tr><td>").append(Html.escape(e.split())).append("</td><td>").append(Html.escape(e.mode()))
                        .append("</td><td>").append(Html.number(e.hitRate())).append("</td><td>")
                        .append(Html.number(e.ndcg())).append("</td><td>").append(Html.escape(e.runnerUp()))
                        .append("</td><td>").append(Html.number(e.runnerUpHitRate())).append("</td><td>")
                        .append(Html.number(e.runnerUpNdcg())).append("</td></tr>");
            }
            return html.append("</tbody></table></div>").toString();
        }

        static Chart counts(long[] histogram) {
            List<Object> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int n = 0; n < histogram.length; n++) {
                names.add(Integer.toString(n));
                values.add(map("value", histogram[n], "label", map("formatter", Html.count(histogram[n])), "itemStyle",
                        map("color", n == histogram.length - 1 ? Palette.PRIMARY : Palette.REMOVED)));
            }
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "grid", Options.grid(80, 60),
                    "xAxis", Options.categoryAxis("recommendations received", names),
                    "yAxis", Options.yValueAxis("customers"),
                    "series", list(map("name", "customers", "type", "bar", "data", values,
                            "label", map("show", true, "position", "top"))));
            return new Chart("recommendation-counts", "Customers by number of recommendations",
                    "The blue bar is the customers who get the full list; red bars are those who get fewer because"
                            + " they already own their segment's best sellers.",
                    "", Chart.SMALL + 40, option);
        }

        static String sample(ReportData d) {
            Map<Long, List<Recommendation>> byCustomer = new java.util.TreeMap<>();
            for (Recommendation r : d.recommendations()) {
                byCustomer.computeIfAbsent(r.customerId(), x -> new ArrayList<>()).add(r);
            }
            StringBuilder html = new StringBuilder("<div class=\"scroll\"><table class=\"sample\"><caption>A sample:"
                    + " the " + SAMPLE_CUSTOMERS_PER_SEGMENT + " customers with the lowest CustomerID in each segment,"
                    + " one row per recommendation; the score is the recommender's own (higher first)</caption>"
                    + "<thead><tr><th>customer</th><th>segment</th><th>rank</th><th>product</th><th>Score</th>"
                    + "<th>Reason</th></tr></thead><tbody>");
            RunCsv.Customers c = d.customers();
            for (int s = 0; s < d.k(); s++) {
                int shown = 0;
                for (int i = 0; i < c.size() && shown < SAMPLE_CUSTOMERS_PER_SEGMENT; i++) {
                    if (c.segment()[i] != s) {
                        continue;
                    }
                    shown++;
                    String customer = "<tr><td>" + c.ids()[i] + "</td><td>" + chip(s) + Html.escape(legendName(d, s))
                            + "</td>";
                    List<Recommendation> recs = byCustomer.getOrDefault(c.ids()[i], List.of());
                    if (recs.isEmpty()) {
                        html.append(customer).append("<td></td><td><span class=\"muted\">none left</span></td>"
                                + "<td></td><td></td></tr>");
                    }
                    for (Recommendation r : recs) {
                        html.append(customer).append("<td>").append(r.rank()).append("</td><td>")
                                .append(Html.escape(r.description())).append(" <span class=\"muted\">")
                                .append(Html.escape(r.stockCode())).append("</span></td><td class=\"score\">")
                                .append(Html.number(r.score())).append("</td><td class=\"reason\">")
                                .append(Html.escape(r.reason())).append("</td></tr>");
                    }
                }
            }
            return html.append("</tbody></table></div>").toString();
        }
    }
}
