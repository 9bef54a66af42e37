package io.retailseg.cli;

import picocli.CommandLine.Option;

/**
 * What a run folder holds beyond the run's own files ({@code --no-report}, {@code --parquet}), for the
 * commands that write one ({@code run}, {@code demo}, {@code evaluate}).
 */
final class ReportOption {
    @Option(names = "--no-report", description = "Do not write report.html (the HTML report with every chart).")
    boolean noReport;

    @Option(names = "--parquet", description = "Also write the tables as Parquet next to the CSVs: customers.parquet,"
            + " top_products.parquet, recommendations.parquet (the Spark engine's schema).")
    boolean parquet;
}
