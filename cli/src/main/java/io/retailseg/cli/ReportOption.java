package io.retailseg.cli;

import picocli.CommandLine.Option;

/** {@code --no-report}, for the commands that write a run folder ({@code run}, {@code demo}, {@code evaluate}). */
final class ReportOption {
    @Option(names = "--no-report", description = "Do not write report.html (the HTML report with every chart).")
    boolean noReport;
}
