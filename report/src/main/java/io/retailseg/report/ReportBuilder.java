package io.retailseg.report;

import io.retailseg.runfolder.RunSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Turns {@link ReportData} into one self-contained HTML page: the sections' text and charts, the chart
 * options as inline JSON, Apache ECharts (from its webjar) and the page's script inline. Nothing is
 * loaded from the network when the page is viewed. The same data give the same bytes.
 */
final class ReportBuilder {
    /** The sections, in page order. Add a section here (at its place in the story). */
    static final List<Section> SECTIONS = List.of(
            new DataSections.Quality(),
            new DataSections.Exploration(),
            new ModelSections.FeatureDistributions(),
            new ModelSections.Outliers(),
            new ModelSections.Pca(),
            new ModelSections.KChoice(),
            new SegmentSections.Segments(),
            new SegmentSections.Cards(),
            new SegmentSections.Recommendations(),
            new CustomerValueSection(),
            new EvaluationSection());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCES = "/io/retailseg/report/";

    private ReportBuilder() {
    }

    /** The ECharts version inlined (from the build, so the pom is the one place that names it). */
    static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = ReportBuilder.class.getResourceAsStream(RESOURCES + "report.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("report.properties is missing from the report module's jar", e);
        }
        return p.getProperty("echarts.version");
    }

    /** The minified ECharts library from the webjar on the class path. */
    static String echarts() {
        String path = "/META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
        String js = resource(path);
        for (int at = js.indexOf("</"); at >= 0; at = js.indexOf("</", at + 2)) {
            if (js.regionMatches(true, at, "</script", 0, "</script".length())) {
                throw new IllegalStateException(path + " contains </script and cannot be inlined as is");
            }
        }
        return js;
    }

    private static String resource(String path) {
        try (InputStream in = ReportBuilder.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sections that apply to this run. */
    static List<Section> sections(ReportData d) {
        return SECTIONS.stream().filter(s -> s.applies(d)).toList();
    }

    /** The whole page. */
    static String html(ReportData d) {
        List<Section> sections = sections(d);
        // the chart library's loading and every section's blocks are independent of each other (the data are
        // only read): built at the same time, put on the page in its order
        List<Supplier<?>> parts = new ArrayList<>();
        parts.add(ReportBuilder::echarts);
        for (Section s : sections) {
            parts.add(() -> s.blocks(d));
        }
        List<?> built = Concurrently.get(parts);
        String echarts = (String) built.get(0);
        List<Chart> charts = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        StringBuilder nav = new StringBuilder();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            @SuppressWarnings("unchecked")
            List<Section.Block> blocks = (List<Section.Block>) built.get(i + 1);
            nav.append("<li><a href=\"#").append(s.id()).append("\">").append(Html.escape(s.title()))
                    .append("</a></li>");
            body.append("<section id=\"").append(s.id()).append("\"><h2>").append(Html.escape(s.title()))
                    .append("</h2>\n");
            for (Section.Block b : blocks) {
                if (b instanceof Section.Text t) {
                    body.append(t.html()).append('\n');
                } else if (b instanceof Section.Figure f) {
                    body.append(figure(f.chart(), "wide"));
                    charts.add(f.chart());
                } else if (b instanceof Section.Figures fs) {
                    body.append("<div class=\"figures\">\n");
                    for (Chart c : fs.charts()) {
                        body.append(figure(c, "small"));
                        charts.add(c);
                    }
                    body.append("</div>\n");
                }
            }
            body.append("</section>\n");
        }
        List<Object> specs = new ArrayList<>();
        for (Chart c : charts) {
            specs.add(Options.map("id", c.id(), "option", c.option()));
        }
        String title = "Customer segments of " + fileName(d.summary().input().path());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + "</title>\n<style>\n" + resource(RESOURCES + "report.css")
                + "</style>\n</head>\n<body>\n<header id=\"top\">\n<h1>" + Html.escape(title) + "</h1>\n" + overview(d)
                + "</header>\n<nav aria-label=\"Contents\"><ol>" + nav + "</ol></nav>\n<main>\n" + body
                + "</main>\n<footer><p>Made by retailseg from the files of the run (summary.json, customers.csv,"
                + " top_products.csv, recommendations.csv, data_profile.json"
                + (d.evaluation().isPresent() ? ", evaluation.json" : "") + "). Charts drawn with Apache ECharts "
                + Html.escape(echartsVersion()) + " (Apache License 2.0), included in this file: it needs no network"
                + " connection.</p></footer>\n"
                + "<script type=\"application/json\" id=\"retailseg-charts\">" + json(specs) + "</script>\n"
                + "<script>\n" + echarts + "\n</script>\n<script>\n" + resource(RESOURCES + "report.js")
                + "</script>\n</body>\n</html>\n";
    }

    private static String figure(Chart c, String size) {
        return "<figure class=\"chart " + size + "\" id=\"figure-" + c.id() + "\">\n<figcaption><h3>"
                + Html.escape(c.title()) + "</h3><p class=\"how\">" + Html.escape(c.howToRead()) + "</p></figcaption>\n"
                + "<div class=\"plot\" id=\"" + c.id() + "\" style=\"height:" + c.height() + "px\" role=\"img\""
                + " aria-label=\"" + Html.escape(c.title()) + "\"></div>\n"
                + (c.note().isEmpty() ? "" : "<p class=\"note\">" + Html.escape(c.note()) + "</p>\n") + "</figure>\n";
    }

    private static String overview(ReportData d) {
        RunSummary s = d.summary();
        String[][] facts = {
            {Html.count(s.cleaning().rowsIn()), "lines read"},
            {Html.count(s.cleaning().rowsOut()), "lines kept"},
            {Html.count(s.customers().total()), "customers"},
            {Html.count(s.customers().outliers()), "outliers set aside"},
            {Integer.toString(d.k()), "segments"},
            {String.format(Locale.ROOT, "%.3f", s.metrics().silhouette()), "silhouette"},
        };
        StringBuilder b = new StringBuilder("<ul class=\"facts-row\">");
        for (String[] f : facts) {
            b.append("<li><strong>").append(f[0]).append("</strong> ").append(f[1]).append("</li>");
        }
        b.append("</ul>\n<ul class=\"legend-row\">");
        for (RunSummary.Segment seg : s.segments()) {
            b.append("<li><span class=\"chip\" style=\"background:").append(Palette.segment(seg.id()))
                    .append("\"></span>").append(Html.escape(SegmentSections.legendName(d, seg.id()))).append("</li>");
        }
        b.append("</ul>\n<p class=\"muted\">Every chart says how to read it under its title. Each segment keeps its"
                + " colour in every chart (a palette readable with colour blindness). Hover a chart for exact values,"
                + " click legend entries to hide or show a segment.</p>\n");
        return b.toString();
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** JSON safe inside a script element. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("</", "<\\/").replace("<!--", "<\\!--")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chart options by id, in page order (for tests). */
    static Map<String, Chart> charts(ReportData d) {
        Map<String, Chart> out = new java.util.LinkedHashMap<>();
        for (Section s : sections(d)) {
            for (Section.Block b : s.blocks(d)) {
                if (b instanceof Section.Figure f) {
                    out.put(f.chart().id(), f.chart());
                } else if (b instanceof Section.Figures fs) {
                    fs.charts().forEach(c -> out.put(c.id(), c));
                }
            }
        }
        return out;
    }
}
