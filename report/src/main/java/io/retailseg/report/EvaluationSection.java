package io.retailseg.report;

import static io.retailseg.report.Options.list;
import static io.retailseg.report.Options.map;

import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.MigrationBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hold-out evaluation ({@code evaluation.json}, written by {@code retailseg evaluate} next to the
 * training fit's run files): split and population, top-N metrics of every recommender in both modes,
 * the paired comparison with the reference rule, catalogue coverage, bootstrap stability and segment
 * migration. Drawn only when the run folder has an {@code evaluation.json}.
 */
final class EvaluationSection implements Section {
    /** The cut-offs drawn and tabulated, as in {@code evaluation.json}. */
    static final int[] CUTOFFS = {1, 3, 5, 10};
    /** The cut-off of the coverage chart and of the headline comparison. */
    static final int HEADLINE_N = 10;
    /** The number of recommendations {@code run} makes (the reference's three). */
    static final int RUN_N = 3;
    /** A paired difference counts as beyond noise when it exceeds this many standard errors. */
    static final double NOISE_STANDARD_ERRORS = 2;
    /** Hennig (2007): mean Jaccard below this reads as a dissolved segment. */
    static final double DISSOLVED = 0.5;
    /** Hennig (2007): above this, stable. */
    static final double STABLE = 0.75;
    /** Hennig (2007): above this, highly stable. */
    static final double HIGHLY_STABLE = 0.85;
    /** Lightest colour of the migration heatmap (no customer). */
    private static final String HEAT_LOW = "#F2F7FB";

    /** Modes in the order the page shows them, with their labels. */
    private static final Map<String, String> MODES = modes();

    private static Map<String, String> modes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("any", "any product (repeat purchases count)");
        m.put("new_only", "new products only (the reference's rule)");
        return m;
    }

    @Override
    public String id() {
        return "evaluation";
    }

    @Override
    public String title() {
        return "Hold-out evaluation";
    }

    @Override
    public boolean applies(ReportData data) {
        return data.evaluation().isPresent();
    }

    @Override
    public List<Block> blocks(ReportData d) {
        EvaluationReport e = d.evaluation().orElseThrow();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Text(intro(e)));
        blocks.add(new Text("<p class=\"conclusion\"><strong>In short.</strong> " + Html.escape(conclusion(e))
                + "</p>"));
        List<Chart> topN = new ArrayList<>();
        for (String metric : List.of("hit_rate", "precision")) {
            for (String mode : MODES.keySet()) {
                topN.add(topN(e, metric, mode));
            }
        }
        blocks.add(new Figures(topN));
        blocks.add(new Text("<h3 class=\"sub\">Every metric</h3>" + metricsTables(e)));
        blocks.add(new Text("<h3 class=\"sub\">Against the reference rule, customer by customer</h3>"
                + comparisonTable(e)));
        blocks.add(new Figure(coverage(e)));
        e.stability().ifPresent(s -> {
            blocks.add(new Text("<h3 class=\"sub\">Segment stability</h3>" + stabilityText(s)));
            blocks.add(new Figures(List.of(adjustedRand(s), jaccard(d, s))));
        });
        e.migration().ifPresent(m -> {
            blocks.add(new Text("<h3 class=\"sub\">Segment migration</h3>" + migrationText(m)));
            blocks.add(new Figure(migration(d, m)));
        });
        if (e.stability().isEmpty() || e.migration().isEmpty()) {
            blocks.add(new Text("<p class=\"muted\">" + notMeasured(e) + "</p>"));
        }
        return blocks;
    }

    /** What the evaluation did not measure because it was not asked to, said rather than left out silently. */
    private static String notMeasured(EvaluationReport e) {
        List<String> parts = new ArrayList<>();
        if (e.stability().isEmpty()) {
            parts.add("bootstrap stability was not measured (evaluate --bootstrap 0)");
        }
        if (e.migration().isEmpty()) {
            parts.add("migration between the periods was not counted (evaluate --no-migration)");
        }
        String text = String.join("; ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    // ---- reading evaluation.json ----

    /** The reference rule's name when no comparison names it (an evaluation of one recommender). */
    static final String DEFAULT_REFERENCE = "segment_quantity";

    /** Names of the recommenders in file order. */
    static List<String> recommenders(EvaluationReport e) {
        List<String> names = new ArrayList<>();
        for (EvaluationReport.Recommender r : e.recommenders()) {
            if (!names.contains(r.name())) {
                names.add(r.name());
            }
        }
        return names;
    }

    /** The recommender the evaluation's run uses ({@code "default": true} in {@code evaluation.json}), if listed. */
    static Optional<String> defaultRecommender(EvaluationReport e) {
        return e.recommenders().stream().filter(EvaluationReport.Recommender::isDefault)
                .map(EvaluationReport.Recommender::name).findFirst();
    }

    /** A training time: {@code 850 ms}, {@code 12.3 s}. */
    static String milliseconds(long ms) {
        return ms < 1000 ? ms + " ms" : Html.number(ms / 1000.0) + " s";
    }

    /** A size in bytes: {@code 512 B}, {@code 12.3 KB}, {@code 4.5 MB} (powers of 1024). */
    static String bytes(long n) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : Html.number(v) + " " + units[u];
    }

    static String reference(EvaluationReport e) {
        return e.comparisons().reference().orElse(DEFAULT_REFERENCE);
    }

    private static Optional<EvaluationReport.Recommender> score(EvaluationReport e, String name, String mode) {
        return e.recommenders().stream().filter(r -> r.name().equals(name) && r.mode().equals(mode)).findFirst();
    }

    /** A metric at N of a recommender in a mode, NaN when the recommender or N was not evaluated. */
    static double metric(EvaluationReport e, String name, String mode, String metric, int n) {
        return score(e, name, mode).flatMap(r -> r.at(n)).map(m -> m.get(metric)).orElse(Double.NaN);
    }

    private static Optional<EvaluationReport.Comparison> comparison(EvaluationReport e, String name, String mode,
                                                                    int n) {
        return e.comparisons().rows().stream()
                .filter(c -> c.name().equals(name) && c.mode().equals(mode) && c.n() == n).findFirst();
    }

    /** The recommenders of a mode, best first by a metric at N. */
    static List<String> ranking(EvaluationReport e, String mode, String metric, int n) {
        List<String> names = new ArrayList<>(recommenders(e));
        names.removeIf(name -> Double.isNaN(metric(e, name, mode, metric, n)));
        names.sort(Comparator.comparingDouble((String name) -> metric(e, name, mode, metric, n)).reversed());
        return names;
    }

    // ---- text ----

    private static String intro(EvaluationReport e) {
        EvaluationReport.Split s = e.split();
        EvaluationReport.Population p = e.population();
        String rule = s.holdoutDays().isPresent() ? " (the last " + s.holdoutDays().getAsInt() + " days)" : "";
        return "<p>Do the recommendations predict what customers buy next? The cleaned lines were split in time:"
                + " the pipeline was fitted on the lines dated before <strong>" + Html.escape(s.splitDay()) + "</strong>" + rule + ", and every recommender's list for each customer was compared"
                + " with what that customer bought from that day on. <strong>The rest of this report describes"
                + " that training fit</strong> (the run files in this folder), not a fit on all lines.</p>\n"
                + "<table class=\"numbers population\"><caption>Split and population</caption><tbody>"
                + row("training lines", Html.escape(s.firstDay()) + " to the day before "
                        + Html.escape(s.splitDay()), Html.count(s.linesBefore()))
                + row("hold-out lines", Html.escape(s.splitDay()) + " to "
                        + Html.escape(s.lastDay()), Html.count(s.linesAfter()))
                + row("catalogue", "distinct stock codes before the split", Html.count(p.catalogueSize()))
                + row("customers before the split", Html.count(p.outliersBefore())
                        + " of them outliers, who get no segment recommendation and are left out for every"
                        + " recommender", Html.count(p.customersBefore()))
                + row("returning customers", "bought again on or after the split day",
                        Html.count(p.returning()))
                + row("evaluated, mode any", "returning and segmented", Html.count(p.evaluatedAny()))
                + row("evaluated, mode new only", "of those, bought at least one product new to them",
                        Html.count(p.evaluatedNewOnly()))
                + "</tbody></table>\n"
                + "<p class=\"muted\">Two modes: <em>any product</em> counts every product bought in the hold-out"
                + " (repeat purchases included); <em>new products only</em> counts only products the customer had"
                + " not bought before, and no recommender may offer those, as in the reference rule. Precision@N:"
                + " share of the first N recommendations bought; recall@N: share of what was bought found in the"
                + " first N; hit rate@N: share of customers with at least one of the first N bought; NDCG@N: the"
                + " same ranking quality weighting early ranks more (1 = perfect).</p>";
    }

    private static String row(String what, String detail, String value) {
        return "<tr><th scope=\"row\">" + Html.escape(what) + "</th><td>" + value + "</td><td class=\"muted\">"
                + detail + "</td></tr>";
    }

    private static String points(double ratio) {
        return String.format(Locale.ROOT, "%.1f", 100 * ratio);
    }

    /** Plain-language conclusion computed from the numbers. */
    static String conclusion(EvaluationReport e) {
        StringBuilder b = new StringBuilder();
        String reference = reference(e);
        for (String mode : MODES.keySet()) {
            List<String> ranked = ranking(e, mode, "hit_rate", HEADLINE_N);
            if (ranked.isEmpty()) {
                continue;
            }
            String best = ranked.get(0);
            double bestHit = metric(e, best, mode, "hit_rate", HEADLINE_N);
            b.append("With ").append(mode.equals("any") ? "any product" : "new products only").append(", ")
                    .append(best).append(" wins: ").append(Html.percent(bestHit))
                    .append(" of customers bought at least one of its ").append(HEADLINE_N)
                    .append(" recommendations");
            if (ranked.size() > 1) {
                String second = ranked.get(1);
                b.append(", ").append(points(bestHit - metric(e, second, mode, "hit_rate", HEADLINE_N)))
                        .append(" points ahead of ").append(second);
            }
            if (!best.equals(reference)) {
                double refHit = metric(e, reference, mode, "hit_rate", HEADLINE_N);
                if (!Double.isNaN(refHit)) {
                    b.append(" and ").append(points(bestHit - refHit)).append(" ahead of the reference rule (")
                            .append(reference).append(", ").append(Html.percent(refHit)).append(')');
                }
            }
            b.append(". ");
            comparison(e, "global_quantity", mode, HEADLINE_N).ifPresent(c -> b.append(globalVersusReference(c,
                    reference)));
        }
        return b.toString().trim();
    }

    private static String globalVersusReference(EvaluationReport.Comparison c, String reference) {
        double diff = c.hitRate().difference();
        double se = c.hitRate().standardError();
        String amount = String.format(Locale.ROOT, "%s ± %s points of hit rate@%d", points(Math.abs(diff)),
                points(se), c.n());
        if (Math.abs(diff) <= NOISE_STANDARD_ERRORS * se) {
            return "Neither the reference rule nor global best sellers beats the other beyond noise (reference"
                    + " minus global: " + points(-diff) + " ± " + points(se) + " points of hit rate@"
                    + c.n() + "). ";
        }
        return diff < 0
                ? "The reference rule (" + reference + ") beats global best sellers by " + amount + ". "
                : "Global best sellers beat the reference rule (" + reference + ") by " + amount + ". ";
    }

    private static String metricsTables(EvaluationReport e) {
        String[][] metrics = {{"precision", "P"}, {"recall", "R"}, {"hit_rate", "HR"}, {"ndcg", "NDCG"}};
        StringBuilder b = new StringBuilder("<p class=\"how\">Means over the customers evaluated in each mode;"
                + " the best value of each column is in bold. cov@10: share of the catalogue that appears in"
                + " someone's first 10. train: wall time to fit the recommender on the training lines; state: the"
                + " memory its fitted state holds. <span class=\"badge\">default</span> marks the recommender of"
                + " the run (" + Html.escape(defaultRecommender(e).orElse("none of these")) + ").</p>");
        for (Map.Entry<String, String> mode : MODES.entrySet()) {
            b.append("<div class=\"scroll\"><table class=\"numbers eval-metrics\" data-mode=\"").append(mode.getKey())
                    .append("\"><caption>Mode: ").append(Html.escape(mode.getValue()))
                    .append("</caption><thead><tr><th>recommender</th><th>customers</th>");
            for (String[] m : metrics) {
                for (int n : CUTOFFS) {
                    b.append("<th>").append(m[1]).append('@').append(n).append("</th>");
                }
            }
            b.append("<th>cov@").append(HEADLINE_N).append("</th><th>train</th><th>state</th></tr></thead><tbody>");
            for (String name : recommenders(e)) {
                Optional<EvaluationReport.Recommender> s = score(e, name, mode.getKey());
                if (s.isEmpty()) {
                    continue;
                }
                String classes = (name.equals(reference(e)) ? "reference " : "") + (s.get().isDefault() ? "default" : "");
                b.append("<tr").append(classes.isEmpty() ? "" : " class=\"" + classes.trim() + "\"").append("><td title=\"")
                        .append(Html.escape(s.get().description())).append("\">")
                        .append(Html.escape(name)).append(s.get().isDefault() ? " <span class=\"badge\">default</span>" : "")
                        .append("</td><td>").append(Html.count(s.get().customersEvaluated())).append("</td>");
                for (String[] m : metrics) {
                    for (int n : CUTOFFS) {
                        b.append(cell(e, name, mode.getKey(), m[0], n));
                    }
                }
                b.append(cell(e, name, mode.getKey(), "coverage", HEADLINE_N)).append("<td class=\"train\">")
                        .append(milliseconds(s.get().trainMs())).append("</td><td class=\"state\">")
                        .append(bytes(s.get().stateBytes())).append("</td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        return b.toString();
    }

    private static String cell(EvaluationReport e, String name, String mode, String metric, int n) {
        double v = metric(e, name, mode, metric, n);
        List<String> ranked = ranking(e, mode, metric, n);
        boolean best = !ranked.isEmpty() && metric(e, ranked.get(0), mode, metric, n) == v;
        String text = Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
        return "<td>" + (best ? "<strong>" + text + "</strong>" : text) + "</td>";
    }

    private static String comparisonTable(EvaluationReport e) {
        String[][] columns = {{"precision", "3"}, {"precision", "10"}, {"hit_rate", "3"}, {"hit_rate", "10"},
            {"ndcg", "10"}};
        String reference = reference(e);
        StringBuilder b = new StringBuilder("<p class=\"how\">Each cell is the mean over the same customers of the"
                + " recommender's metric minus the reference rule's (" + Html.escape(reference) + "), ± its standard"
                + " error; positive means better than the reference. Bold: beyond "
                + Html.number(NOISE_STANDARD_ERRORS) + " standard errors, unlikely to be noise.</p>"
                + "<div class=\"scroll\"><table class=\"numbers comparisons\"><thead><tr><th>recommender</th>"
                + "<th>mode</th>");
        for (String[] c : columns) {
            b.append("<th>").append(label(c[0])).append('@').append(c[1]).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (String mode : MODES.keySet()) {
            for (String name : recommenders(e)) {
                if (name.equals(reference) || comparison(e, name, mode, RUN_N).isEmpty()) {
                    continue;
                }
                b.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(mode.replace('_', ' '))
                        .append("</td>");
                for (String[] c : columns) {
                    Optional<EvaluationReport.Comparison> row = comparison(e, name, mode, Integer.parseInt(c[1]));
                    if (row.isEmpty()) {
                        b.append("<td>n/a</td>");
                        continue;
                    }
                    double diff = row.get().get(c[0]).difference();
                    double se = row.get().get(c[0]).standardError();
                    String text = String.format(Locale.ROOT, "%+.3f ± %.3f", diff, se);
                    b.append("<td>").append(Math.abs(diff) > NOISE_STANDARD_ERRORS * se
                            ? "<strong>" + text + "</strong>" : text).append("</td>");
                }
                b.append("</tr>");
            }
        }
        return b.append("</tbody></table></div>").toString();
    }

    private static String label(String metric) {
        return switch (metric) {
            case "precision" -> "P";
            case "recall" -> "R";
            case "hit_rate" -> "HR";
            case "ndcg" -> "NDCG";
            default -> metric;
        };
    }

    private static String stabilityText(EvaluationReport.Stability s) {
        int stable = 0;
        int dissolved = 0;
        for (EvaluationReport.StabilitySegment seg : s.segments()) {
            double j = seg.jaccardMean().orElse(Double.NaN);
            if (j > STABLE) {
                stable++;
            } else if (j < DISSOLVED) {
                dissolved++;
            }
        }
        int k = s.segments().size();
        return "<p>The segmented training customers were drawn with replacement " + s.resamples()
                + " times and scaler, PCA and k-means re-fitted at k = " + s.k() + " on each draw."
                + " The adjusted Rand index (ARI) compares each re-fit's segments with the training segments over"
                + " all customers (1 = the same partition, 0 = no better than chance): mean <strong>"
                + Html.number(s.adjustedRand().mean()) + "</strong>, lowest "
                + Html.number(s.adjustedRand().min()) + ". Each segment's Jaccard stability (Hennig"
                + " 2007) is the mean over resamples of its best overlap with a re-fitted segment; by Hennig's rule of"
                + " thumb a segment below " + Html.number(DISSOLVED) + " has dissolved, above " + Html.number(STABLE)
                + " is stable and above " + Html.number(HIGHLY_STABLE) + " highly stable. Here " + stable + " of "
                + k + " segments are stable and " + dissolved + " dissolved.</p>";
    }

    private static String migrationText(MigrationBlock m) {
        long stayed = m.stayed();
        long same = m.sameSegment();
        return "<p>The pipeline was fitted again on the hold-out lines alone, with the training k, and its segments"
                + " matched to the training segments by centroid. Of the " + Html.count(stayed) + " customers"
                + " segmented in both periods, " + Html.count(same) + " (" + Html.percent(same / (double) Math.max(1,
                stayed)) + ") kept their segment; " + Html.count(m.left().count())
                + " segmented customers did not come back segmented (" + Html.count(m.left().asOutliers()) + " of them as outliers) and " + Html.count(m.arrived().count())
                + " arrived (" + Html.count(m.arrived().fromOutliers()) + " from the outliers).</p>";
    }

    // ---- charts ----

    private static String modeSlug(String mode) {
        return mode.replace('_', '-');
    }

    static Chart topN(EvaluationReport e, String metric, String mode) {
        String reference = reference(e);
        List<String> names = recommenders(e);
        List<Object> series = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (score(e, name, mode).isEmpty()) {
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (int n : CUTOFFS) {
                values.add(Options.round(100 * metric(e, name, mode, metric, n)));
            }
            boolean ref = name.equals(reference);
            series.add(map("name", name, "type", "line", "data", values, "symbolSize", ref ? 8 : 5,
                    "lineStyle", map("width", ref ? 4 : 1.5), "itemStyle", map("color", Palette.series(i)),
                    "z", ref ? 3 : 2));
        }
        List<Object> ns = new ArrayList<>();
        for (int n : CUTOFFS) {
            ns.add(Integer.toString(n));
        }
        String what = metric.equals("hit_rate") ? "hit rate" : "precision";
        String modeName = mode.equals("any") ? "any product" : "new products only";
        Map<String, Object> option = map(
                "tooltip", map("trigger", "axis"),
                "legend", map("top", 0, "itemWidth", 14, "itemGap", 6, "textStyle", map("fontSize", 10)),
                "grid", map("left", 10, "right", 20, "top", 100, "bottom", 40, "containLabel", true),
                "xAxis", map("type", "category", "name", "N (recommendations looked at)", "nameLocation", "middle",
                        "nameGap", 30, "boundaryGap", false, "data", ns),
                "yAxis", Options.yValueAxis(what + " (%)"),
                "series", series);
        String how = metric.equals("hit_rate")
                ? "Each line is a recommender: the share of customers who bought at least one of its first N"
                + " recommendations; higher is better, and the thick line is the reference rule."
                : "Each line is a recommender: the share of its first N recommendations that the customer bought;"
                + " higher is better, and the thick line is the reference rule.";
        return new Chart("evaluation-" + metric.replace('_', '-') + "-" + modeSlug(mode),
                capitalize(what) + "@N, " + modeName, how,
                "Means over the " + Html.count(score(e, names.get(0), mode).map(EvaluationReport.Recommender::customersEvaluated)
                        .orElse(0L)) + " customers evaluated in this mode.", Chart.SMALL + 140, option);
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Chart coverage(EvaluationReport e) {
        List<String> names = recommenders(e);
        List<Object> series = new ArrayList<>();
        for (Map.Entry<String, String> mode : MODES.entrySet()) {
            List<Object> values = new ArrayList<>();
            for (String name : names) {
                values.add(Options.round(100 * metric(e, name, mode.getKey(), "coverage", HEADLINE_N)));
            }
            series.add(map("name", mode.getKey().equals("any") ? "any product" : "new products only",
                    "type", "bar", "data", values, "itemStyle", map("color", mode.getKey().equals("any")
                            ? Palette.PRIMARY : Palette.SECONDARY)));
        }
        Map<String, Object> option = map(
                "tooltip", Options.axisTooltip(),
                "legend", map("top", 0),
                "grid", Options.grid(60, 60),
                "xAxis", map("type", "category", "name", "recommender", "nameLocation", "middle", "nameGap", 45,
                        "data", new ArrayList<>(names), "axisLabel", map("interval", 0, "rotate", 20)),
                "yAxis", Options.yValueAxis("catalogue recommended (%)"),
                "series", series);
        return new Chart("evaluation-coverage", "Catalogue coverage of the first " + HEADLINE_N + " recommendations",
                "Each bar is the share of the " + Html.count(e.population().catalogueSize())
                        + " products before the split that appear in at least one evaluated customer's first "
                        + HEADLINE_N + "; a low bar means everyone is offered the same few products.",
                "", Chart.SMALL + 60, option);
    }

    static Chart adjustedRand(EvaluationReport.Stability s) {
        EvaluationReport.AdjustedRand ari = s.adjustedRand();
        List<Object> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        int i = 1;
        for (double v : ari.values()) {
            labels.add(Integer.toString(i++));
            values.add(Options.round(v));
        }
        Map<String, Object> option = map(
                "tooltip", Options.axisTooltip(),
                "grid", map("left", 10, "right", 70, "top", 50, "bottom", 50, "containLabel", true),
                "xAxis", Options.categoryAxis("bootstrap resample", labels),
                "yAxis", map("type", "value", "name", "adjusted Rand index", "nameLocation", "end",
                        "nameTextStyle", map("align", "left"), "max", 1),
                "series", list(map("name", "adjusted Rand index", "type", "bar", "data", values,
                        "itemStyle", map("color", Palette.PRIMARY),
                        "markLine", map("symbol", "none", "label", map("formatter", "mean\n{c}", "position", "end"),
                                "lineStyle", map("color", Palette.NEUTRAL, "type", "dashed"),
                                "data", list(map("yAxis", Options.round(ari.mean())))))));
        return new Chart("evaluation-ari", "Agreement of each bootstrap re-fit with the training segments",
                "Each bar is one resample's adjusted Rand index against the training segments (1 = identical"
                        + " segments, 0 = chance); the dashed line is the mean.", "", Chart.SMALL + 40, option);
    }

    static Chart jaccard(ReportData d, EvaluationReport.Stability stability) {
        List<Object> names = new ArrayList<>();
        List<Object> means = new ArrayList<>();
        List<Object> each = new ArrayList<>();
        for (EvaluationReport.StabilitySegment seg : stability.segments()) {
            int id = seg.id();
            names.add(Integer.toString(id));
            means.add(map("value", Options.round(seg.jaccardMean().orElse(Double.NaN)),
                    "itemStyle", map("color", Palette.segment(id))));
            for (Double v : seg.jaccard()) {
                if (v != null) {
                    each.add(list(Integer.toString(id), Options.round(v)));
                }
            }
        }
        Map<String, Object> option = map(
                "tooltip", map("trigger", "item"),
                "legend", map("top", 0, "data", list("mean Jaccard", "one resample")),
                "grid", map("left", 10, "right", 110, "top", 50, "bottom", 50, "containLabel", true),
                "xAxis", Options.categoryAxis("segment", names),
                "yAxis", map("type", "value", "name", "Jaccard stability", "nameLocation", "end",
                        "nameTextStyle", map("align", "left"), "min", 0, "max", 1),
                "series", list(
                        map("name", "mean Jaccard", "type", "bar", "data", means,
                                "itemStyle", map("color", Palette.NEUTRAL),
                                "markLine", map("symbol", "none", "silent", true,
                                        "lineStyle", map("color", Palette.NEUTRAL, "type", "dashed"),
                                        "data", list(hennig(DISSOLVED, "dissolved <"),
                                                hennig(STABLE, "stable >"),
                                                hennig(HIGHLY_STABLE, "highly stable >")))),
                        map("name", "one resample", "type", "scatter", "data", each, "symbolSize", 5,
                                "itemStyle", map("color", "#000000", "opacity", 0.45))));
        return new Chart("evaluation-jaccard", "Jaccard stability of each segment",
                "Each bar is a segment's mean Jaccard stability over the resamples and each dot one resample;"
                        + " bars above the dashed " + Html.number(STABLE) + " line are stable by Hennig's rule of"
                        + " thumb, below " + Html.number(DISSOLVED) + " dissolved.",
                legendNote(d), Chart.SMALL + 40, option);
    }

    private static Map<String, Object> hennig(double level, String text) {
        return map("yAxis", level, "label", map("formatter", text + Html.number(level), "position",
                "end", "fontSize", 10));
    }

    private static String legendNote(ReportData d) {
        StringBuilder b = new StringBuilder("Segments: ");
        for (int s = 0; s < d.k(); s++) {
            b.append(s == 0 ? "" : "; ").append(SegmentSections.legendName(d, s));
        }
        return b.append('.').toString();
    }

    static Chart migration(ReportData d, MigrationBlock m) {
        List<List<Long>> matrix = m.matrix();
        int rows = matrix.size();
        int columns = rows == 0 ? 0 : matrix.get(0).size();
        List<Object> data = new ArrayList<>();
        long max = 1;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long v = matrix.get(i).get(j);
                max = Math.max(max, v);
                data.add(list(j, i, v));
            }
        }
        Map<String, Object> option = map(
                "tooltip", map("trigger", "item"),
                "grid", map("left", 20, "right", 30, "top", 50, "bottom", 90, "containLabel", true),
                "xAxis", map("type", "category", "name", "segment in the hold-out fit", "nameLocation", "middle",
                        "nameGap", 35, "data", segmentLabels(columns), "splitArea", map("show", true)),
                "yAxis", map("type", "category", "name", "training segment", "nameLocation", "start", "inverse", true,
                        "data", segmentLabels(rows), "splitArea", map("show", true)),
                "visualMap", map("min", 0, "max", max, "calculable", false, "orient", "horizontal", "left", "center",
                        "bottom", 0, "text", list(Html.count(max) + " customers", "0"),
                        "inRange", map("color", list(HEAT_LOW, Palette.PRIMARY))),
                "series", list(map("name", "customers", "type", "heatmap", "data", data,
                        "label", map("show", true),
                        "emphasis", map("itemStyle", map("borderColor", "#000000", "borderWidth", 1)))));
        return new Chart("evaluation-migration", "Where the training segments' customers went",
                "Each cell counts the customers who were in the row's segment before the split and in the column's"
                        + " segment in the hold-out fit; a dark diagonal means customers kept their segment.",
                legendNote(d), Math.max(Chart.SMALL + 120, 60 * rows + 160), option);
    }

    /** {@code segment i} labels in segment colours. */
    private static List<Object> segmentLabels(int count) {
        List<Object> labels = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            labels.add(map("value", "segment " + s, "textStyle", map("color", Palette.segment(s),
                    "fontWeight", "bold")));
        }
        return labels;
    }
}
