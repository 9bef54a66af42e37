package io.retailseg.report;

import java.util.List;

/**
 * One section of the report: a heading, text and charts. To add a section, implement this and add it to
 * {@link ReportBuilder#SECTIONS}; a section that needs an optional file says so in {@link #applies}.
 */
interface Section {
    /** Anchor id (letters, digits and dashes). */
    String id();

    String title();

    /** Whether the run has what this section shows (e.g. an optional file). */
    default boolean applies(ReportData data) {
        return true;
    }

    /** The section's content, in order. */
    List<Block> blocks(ReportData data);

    /** A piece of a section. */
    sealed interface Block permits Text, Figure, Figures {
    }

    /** Ready HTML (already escaped). */
    record Text(String html) implements Block {
    }

    /** One chart, full width. */
    record Figure(Chart chart) implements Block {
    }

    /** Small charts side by side. */
    record Figures(List<Chart> charts) implements Block {
        public Figures {
            charts = List.copyOf(charts);
        }
    }
}
