package io.retailseg.publish;

import io.retailseg.domain.BadLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bad_lines} block of {@code summary.json}'s {@code cleaning}:
 * {@code {"skipped": 3, "by_reason": {"field_count": 2, "number": 1}, "first": [{"line": 17, "reason":
 * "field_count", "message": "data.csv:17: expected 8 fields, found 9"}, ...]}} (always present; zero and
 * empty when nothing was skipped).
 */
final class BadLinesJson {
    private BadLinesJson() {
    }

    static Map<String, Object> map(BadLines bad) {
        Map<String, Object> byReason = new LinkedHashMap<>();
        bad.byReason().forEach((reason, count) -> byReason.put(reason.key(), count));
        List<Object> first = new ArrayList<>();
        for (BadLines.Line line : bad.first()) {
            first.add(RunWriter.ordered("line", line.line(), "reason", line.reason().key(), "message", line.message()));
        }
        return RunWriter.ordered("skipped", bad.skipped(), "by_reason", byReason, "first", first);
    }
}
