package io.retailseg.report;

import java.util.Map;

/**
 * One chart of the report: what it shows, how to read it, and its ECharts option.
 *
 * @param id the element id, unique in the report (letters, digits and dashes)
 * @param title the title shown above the chart
 * @param howToRead one sentence on how to read it
 * @param note what the reader should know about the data drawn (sampling, clipping), or {@code ""}
 * @param height height in pixels on screen
 * @param option the ECharts option, as ordered maps and lists; a {@code "retailseg3d"} key holds the
 *     points of the rotatable 3D view, which the page's script projects itself
 */
public record Chart(String id, String title, String howToRead, String note, int height, Map<String, Object> option) {
    /** Chart height for a full-width chart. */
    static final int TALL = 420;
    /** Chart height for a chart in a grid of small multiples. */
    static final int SMALL = 240;

    public Chart {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("chart id must be lower-case letters, digits and dashes: " + id);
        }
        option = Options.copy(option);
    }

    Chart withNote(String newNote) {
        return new Chart(id, title, howToRead, newNote, height, option);
    }
}
