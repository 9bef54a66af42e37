package io.retailseg.cli;

import io.retailseg.evaluate.Migration;
import java.io.PrintWriter;
import java.util.Locale;

/** Plain-text tables shared by commands. */
final class Tables {
    private Tables() {
    }

    /** A migration matrix as a Markdown table, then who stayed, left and arrived. */
    static void migration(Migration.Result m, PrintWriter w) {
        long[][] moved = m.moved();
        int k2 = moved.length == 0 ? 0 : moved[0].length;
        StringBuilder header = new StringBuilder("| from \\ to |");
        StringBuilder rule = new StringBuilder("|---:|");
        for (int j = 0; j < k2; j++) {
            header.append(' ').append(j).append(" |");
            rule.append("---:|");
        }
        w.println(header);
        w.println(rule);
        for (int i = 0; i < moved.length; i++) {
            StringBuilder row = new StringBuilder("| " + i + " |");
            for (long v : moved[i]) {
                row.append(String.format(Locale.ROOT, " %,d |", v));
            }
            w.println(row);
        }
        w.printf(Locale.ROOT, "%nSegmented in both: %,d (%,d in the same segment). Left: %,d (%,d of them outliers in"
                        + " the second). Arrived: %,d (%,d of them outliers in the first).%n", m.stayed(),
                m.sameSegment(), m.left().size(), m.leftAsOutliers(), m.arrived().size(), m.arrivedFromOutliers());
    }
}
