package io.retailseg.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers to write ECharts options as ordered maps and lists, and to round chart numbers. */
final class Options {
    /** Significant digits kept for numbers drawn in charts: enough to read, small to store. */
    private static final MathContext CHART_DIGITS = new MathContext(4);

    private Options() {
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... values) {
        List<Object> l = new ArrayList<>();
        Collections.addAll(l, values);
        return l;
    }

    /** {@code v} to 4 significant digits ({@code null} for NaN or infinite: a gap in the chart). */
    static Double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        if (v == 0) {
            return 0.0;
        }
        return new BigDecimal(v).round(CHART_DIGITS).doubleValue();
    }

    static List<Object> rounded(double[] values) {
        List<Object> l = new ArrayList<>();
        for (double v : values) {
            l.add(round(v));
        }
        return l;
    }

    /** A deep, unmodifiable-by-accident copy (maps stay ordered). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> option) {
        Map<String, Object> m = new LinkedHashMap<>();
        option.forEach((k, v) -> m.put(k, copyValue(v)));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return copy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(copyValue(o));
            }
            return out;
        }
        return v;
    }

    /** A value axis with a name (units included) in the middle. */
    static Map<String, Object> valueAxis(String name) {
        return map("type", "value", "name", name, "nameLocation", "middle", "nameGap", 30,
                "axisLabel", map("hideOverlap", true));
    }

    /** A vertical value axis with its name (units included) above it. */
    static Map<String, Object> yValueAxis(String name) {
        return map("type", "value", "name", name, "nameLocation", "end", "nameTextStyle", map("align", "left"), "axisLabel", map("hideOverlap", true));
    }

    /** A category axis with a name (units included) in the middle. */
    static Map<String, Object> categoryAxis(String name, List<?> categories) {
        return map("type", "category", "name", name, "nameLocation", "middle", "nameGap", 30,
                "data", new ArrayList<>(categories));
    }

    /** The usual tooltip for axis charts. */
    static Map<String, Object> axisTooltip() {
        return map("trigger", "axis", "axisPointer", map("type", "shadow"));
    }

    /** A grid with room for axis names. */
    static Map<String, Object> grid(int left, int bottom) {
        return map("left", left, "right", 30, "top", 50, "bottom", bottom, "containLabel", true);
    }
}
