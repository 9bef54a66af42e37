package io.retailseg.report;

import static io.retailseg.report.Options.list;
import static io.retailseg.report.Options.map;

import io.retailseg.runfolder.RunSummary;
import io.retailseg.explore.DataProfile;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The data-quality and exploration sections: what the lines looked like before segmentation. */
final class DataSections {
    /** Countries and stock codes shown: the reference notebook's top 10. */
    static final int TOP = 10;
    /** Characters of a product description shown on an axis. */
    private static final int DESCRIPTION_CHARS = 28;

    private DataSections() {
    }

    /** Missing values, the cleaning waterfall, cancellations. */
    static final class Quality implements Section {
        @Override
        public String id() {
            return "data-quality";
        }

        @Override
        public String title() {
            return "Data quality";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            RunSummary.Cleaning c = d.summary().cleaning();
            String intro = "<p>" + Html.count(c.rowsIn()) + " transaction lines were read from <code>"
                    + Html.escape(d.summary().input().path()) + "</code>; " + Html.count(c.rowsOut())
                    + " (" + Html.percent(ratio(c.rowsOut(), c.rowsIn())) + ") were kept after cleaning.</p>";
            List<Block> blocks = new ArrayList<>(List.of(new Text(intro),
                    new Figures(List.of(missing(d.profile()), cancellations(d.profile()))), new Figure(waterfall(c))));
            if (c.skipped() > 0) {
                blocks.add(new Text(skippedLines(c.badLines())));
            }
            return blocks;
        }

        /** The lines skipped as unparseable: how many per reason, and the first messages. */
        static String skippedLines(RunSummary.BadLines bad) {
            StringBuilder sb = new StringBuilder("<p id=\"skipped-lines\">").append(Html.count(bad.skipped()))
                    .append(bad.skipped() == 1 ? " line" : " lines")
                    .append(" could not be parsed and were skipped while reading (<code>--on-bad-lines skip</code>)");
            if (bad.byReason() != null && !bad.byReason().isEmpty()) {
                List<String> reasons = new ArrayList<>();
                bad.byReason().forEach((reason, n) -> reasons.add(Html.escape(reason.replace('_', ' ')) + ": "
                        + Html.count(n)));
                sb.append(" &mdash; ").append(String.join(", ", reasons));
            }
            sb.append(".");
            List<RunSummary.BadLine> first = bad.first() == null ? List.of() : bad.first();
            if (!first.isEmpty()) {
                sb.append(first.size() < bad.skipped() ? " The first " + first.size() + ":" : "").append("</p><ul class=\"bad-lines\">");
                for (RunSummary.BadLine line : first) {
                    sb.append("<li><code>").append(Html.escape(line.message())).append("</code></li>");
                }
                return sb.append("</ul>").toString();
            }
            return sb.append("</p>").toString();
        }

        static Chart missing(DataProfile p) {
            List<Object> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (DataProfile.ColumnMissing m : p.missing()) {
                names.add(m.column());
                values.add(map("value", m.missing(), "label", map("show", true, "position", "right",
                        "formatter", Html.count(m.missing()) + " (" + Html.percent(ratio(m.missing(), p.rowsRead())) + ")")));
            }
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "grid", map("left", 10, "right", 110, "top", 40, "bottom", 55, "containLabel", true),
                    "xAxis", Options.valueAxis("lines with the field empty"),
                    "yAxis", map("type", "category", "data", names, "inverse", true),
                    "series", list(map("name", "missing", "type", "bar", "data", values,
                            "itemStyle", map("color", Palette.PRIMARY))));
            return new Chart("missing-values", "Missing values per column",
                    "Each bar counts the lines read whose field is empty; lines without CustomerID or Description"
                            + " are removed by the first cleaning step.",
                    "Counted over all " + Html.count(p.rowsRead()) + " lines read. Quantity, InvoiceDate and"
                            + " UnitPrice cannot be missing: reading stops with an error naming the line instead.",
                    Chart.SMALL + 60, option);
        }

        static Chart waterfall(RunSummary.Cleaning c) {
            List<Object> names = new ArrayList<>();
            List<Object> base = new ArrayList<>();
            List<Object> removed = new ArrayList<>();
            List<Object> lines = new ArrayList<>();
            long skipped = c.skipped();
            if (skipped > 0) { // before the lines read: they never became lines
                names.add("unparseable lines skipped");
                base.add(c.rowsIn());
                removed.add(map("value", skipped, "label", map("show", true, "position", "top",
                        "formatter", "-" + Html.count(skipped))));
                lines.add(null);
            }
            names.add("lines read");
            base.add(0);
            removed.add(null);
            lines.add(map("value", c.rowsIn(), "label", map("show", true, "position", "top",
                    "formatter", Html.count(c.rowsIn()))));
            long remaining = c.rowsIn();
            for (RunSummary.Step s : c.steps()) {
                remaining -= s.removed();
                names.add(s.step().replace('_', ' '));
                base.add(remaining);
                removed.add(map("value", s.removed(), "label", map("show", true, "position", "top",
                        "formatter", s.removed() == 0 ? "0" : "-" + Html.count(s.removed()))));
                lines.add(null);
            }
            names.add("lines kept");
            base.add(0);
            removed.add(null);
            lines.add(map("value", c.rowsOut(), "label", map("show", true, "position", "top",
                    "formatter", Html.count(c.rowsOut()))));
            Map<String, Object> option = map(
                    "tooltip", map("trigger", "item"),
                    "legend", map("data", list("lines", "removed"), "top", 0),
                    "grid", Options.grid(80, 60),
                    "xAxis", map("type", "category", "data", names, "axisLabel", map("interval", 0),
                            "name", "cleaning step, in the order they run", "nameLocation", "middle", "nameGap", 30),
                    "yAxis", Options.yValueAxis("transaction lines"),
                    "series", list(
                            map("name", "base", "type", "bar", "stack", "total", "silent", true, "data", base,
                                    "itemStyle", map("color", "transparent"), "tooltip", map("show", false)),
                            map("name", "removed", "type", "bar", "stack", "total", "data", removed,
                                    "itemStyle", map("color", Palette.REMOVED)),
                            map("name", "lines", "type", "bar", "stack", "total", "data", lines,
                                    "itemStyle", map("color", Palette.PRIMARY))));
            return new Chart("cleaning-waterfall", "Lines removed per cleaning step",
                    (skipped > 0 ? "Read left to right: the first red bar is the lines of the file that could not be"
                            + " parsed and were skipped, then every line read, " : "Read left to right: the first bar"
                            + " is every line read, ")
                            + "each red bar is what one cleaning step"
                            + " removed (in the order they run), the last bar is what is left for the analysis.",
                    "", Chart.TALL, option);
        }

        static Chart cancellations(DataProfile p) {
            DataProfile.Cancellations c = p.cancellations();
            double[] cancelled = {ratio(c.cancelledLines(), c.lines()), ratio(c.cancelledInvoices(), c.invoices()),
                c.salesValue() == 0 ? 0 : c.cancelledValue() / c.salesValue()};
            List<Object> shareCancelled = new ArrayList<>();
            List<Object> shareKept = new ArrayList<>();
            for (double r : cancelled) {
                shareCancelled.add(map("value", Options.round(100 * r), "label", map("show", true,
                        "position", "right", "color", "#ffffff", "formatter", Html.percent(r))));
                shareKept.add(Options.round(100 * (1 - r)));
            }
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "legend", map("top", 0),
                    "grid", map("left", 10, "right", 30, "top", 40, "bottom", 50, "containLabel", true),
                    "xAxis", map("type", "value", "max", 100, "name", "share (%)", "nameLocation", "middle",
                            "nameGap", 30),
                    "yAxis", map("type", "category", "inverse", true, "data",
                            list("lines", "invoices", "value (GBP, vs sales)")),
                    "series", list(
                            map("name", "cancelled", "type", "bar", "stack", "all", "data", shareCancelled,
                                    "itemStyle", map("color", Palette.REMOVED)),
                            map("name", "not cancelled", "type", "bar", "stack", "all", "data", shareKept,
                                    "itemStyle", map("color", Palette.PRIMARY))));
            return new Chart("cancellations", "Cancellations share",
                    "The red part of each bar is the share of cancelled lines, cancelled invoices, and the value"
                            + " taken back by cancellations relative to the value sold; cancellations are kept for the"
                            + " cancellation features.",
                    "Over the " + Html.count(c.lines()) + " cleaned lines: " + Html.count(c.cancelledLines())
                            + " cancelled lines, " + Html.count(c.cancelledInvoices()) + " of "
                            + Html.count(c.invoices()) + " invoices, " + Html.pounds(c.cancelledValue()) + " of "
                            + Html.pounds(c.salesValue()) + " sold.",
                    Chart.SMALL + 60, option);
        }
    }

    /** Countries, best-selling stock codes, revenue per month. */
    static final class Exploration implements Section {
        @Override
        public String id() {
            return "exploration";
        }

        @Override
        public String title() {
            return "Exploration";
        }

        @Override
        public List<Block> blocks(ReportData d) {
            DataProfile p = d.profile();
            String intro = "<p>The cleaned lines run from " + Html.escape(p.firstDay()) + " to "
                    + Html.escape(p.lastDay()) + " and come from " + p.countries().size() + " countries.</p>";
            return List.of(new Text(intro), new Figure(countries(p)), new Figure(stockCodes(p)),
                    new Figure(months(p)));
        }

        static Chart countries(DataProfile p) {
            List<DataProfile.CountryCount> top = p.countries().subList(0, Math.min(TOP, p.countries().size()));
            List<Object> names = new ArrayList<>();
            List<Object> lines = new ArrayList<>();
            List<Object> customers = new ArrayList<>();
            for (DataProfile.CountryCount c : top) {
                names.add(c.country().isEmpty() ? "(no country)" : c.country());
                lines.add(map("value", c.lines(), "label", map("formatter", Html.count(c.lines()))));
                customers.add(map("value", c.customers(), "label", map("formatter", Html.count(c.customers()))));
            }
            Map<String, Object> label = map("show", true, "position", "right");
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "legend", map("top", 0),
                    "grid", list(map("left", 130, "width", "36%", "top", 40, "bottom", 50),
                            map("right", 60, "width", "36%", "top", 40, "bottom", 50)),
                    "xAxis", list(map("type", "value", "gridIndex", 0, "name", "cleaned lines", "nameLocation",
                                    "middle", "nameGap", 30, "axisLabel", map("hideOverlap", true)),
                            map("type", "value", "gridIndex", 1, "name", "customers", "nameLocation", "middle",
                                    "nameGap", 30, "axisLabel", map("hideOverlap", true))),
                    "yAxis", list(map("type", "category", "gridIndex", 0, "data", names, "inverse", true),
                            map("type", "category", "gridIndex", 1, "data", names, "inverse", true,
                                    "axisLabel", map("show", false))),
                    "series", list(
                            map("name", "lines", "type", "bar", "xAxisIndex", 0, "yAxisIndex", 0, "data", lines,
                                    "label", label, "itemStyle", map("color", Palette.PRIMARY)),
                            map("name", "customers", "type", "bar", "xAxisIndex", 1, "yAxisIndex", 1,
                                    "data", customers, "label", label, "itemStyle", map("color", Palette.SECONDARY))));
            long otherLines = p.countries().stream().skip(TOP).mapToLong(DataProfile.CountryCount::lines).sum();
            return new Chart("countries", "Lines and customers per country (top " + TOP + ")",
                    "Left: cleaned lines per country, right: distinct customers per country; a country with many"
                            + " lines but few customers has large, frequent buyers.",
                    p.countries().size() > TOP ? "The other " + (p.countries().size() - TOP) + " countries have "
                            + Html.count(otherLines) + " lines together." : "",
                    Chart.TALL, option);
        }

        static Chart stockCodes(DataProfile p) {
            List<Object> names = new ArrayList<>();
            List<Object> lines = new ArrayList<>();
            for (DataProfile.StockCodeCount s : p.stockCodes()) {
                String description = s.description().length() > DESCRIPTION_CHARS
                        ? s.description().substring(0, DESCRIPTION_CHARS - 1) + "…" : s.description();
                names.add(s.stockCode() + " " + description);
                lines.add(map("value", s.lines(), "label", map("formatter", Html.count(s.lines()))));
            }
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "grid", map("left", 20, "right", 70, "top", 20, "bottom", 50, "containLabel", true),
                    "xAxis", Options.valueAxis("cleaned lines with the stock code"),
                    "yAxis", map("type", "category", "data", names, "inverse", true),
                    "series", list(map("name", "lines", "type", "bar", "data", lines,
                            "label", map("show", true, "position", "right"), "itemStyle", map("color", Palette.PRIMARY))));
            return new Chart("stock-codes", "Most frequent stock codes (top " + TOP + ")",
                    "Each bar is the number of cleaned lines (order lines, cancellations included) with that product;"
                            + " longer bars are products bought most often, not necessarily in the largest quantities.",
                    "", Chart.TALL, option);
        }

        static Chart months(DataProfile p) {
            List<Object> names = new ArrayList<>();
            List<Object> revenue = new ArrayList<>();
            List<String> partial = new ArrayList<>();
            LocalDate first = p.firstDay().isEmpty() ? null : LocalDate.parse(p.firstDay());
            LocalDate last = p.lastDay().isEmpty() ? null : LocalDate.parse(p.lastDay());
            for (DataProfile.MonthRevenue m : p.months()) {
                YearMonth month = YearMonth.parse(m.month());
                boolean cut = first != null && YearMonth.from(first).equals(month) && first.getDayOfMonth() > 1
                        || last != null && YearMonth.from(last).equals(month) && !last.equals(month.atEndOfMonth());
                names.add(m.month());
                Map<String, Object> item = map("value", Options.round(m.revenue()), "customers", m.customers());
                if (cut) {
                    item.put("itemStyle", map("color", Palette.NEUTRAL));
                    partial.add(m.month());
                }
                revenue.add(item);
            }
            Map<String, Object> option = map(
                    "tooltip", Options.axisTooltip(),
                    "grid", Options.grid(90, 60),
                    "xAxis", Options.categoryAxis("month", names),
                    "yAxis", map("type", "value", "name", "net revenue (GBP)", "nameLocation", "end", "nameTextStyle", map("align", "left")),
                    "series", list(map("name", "net revenue (GBP)", "type", "bar", "data", revenue,
                            "itemStyle", map("color", Palette.PRIMARY))));
            return new Chart("monthly-revenue", "Monthly revenue",
                    "Each bar is one calendar month's net revenue (quantity x unit price of the cleaned lines,"
                            + " cancellations subtracted); compare heights to see the seasonal peak.",
                    partial.isEmpty() ? "" : "Grey bars are months the data covers only in part ("
                            + String.join(", ", partial) + "; data from " + p.firstDay() + " to " + p.lastDay() + ").",
                    Chart.TALL, option);
        }
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
