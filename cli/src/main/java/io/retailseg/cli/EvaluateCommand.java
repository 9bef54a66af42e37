package io.retailseg.cli;

import io.retailseg.config.OfferMode;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.evaluate.BootstrapStability;
import io.retailseg.evaluate.RecommenderEvaluation;
import io.retailseg.evaluate.Recommender;
import io.retailseg.pipeline.HoldoutEvaluation;
import io.retailseg.pipeline.SegmentProfile;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.publish.EvaluationWriter;
import io.retailseg.publish.OutputFolder;
import io.retailseg.publish.RunWriter;
import io.retailseg.report.Report;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retailseg evaluate}: hold-out evaluation of recommendations, baselines, stability and migration. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Split the cleaned lines in time, fit the pipeline on the lines before the split and score"
                + " recommenders (segment best sellers three ways, global best sellers, random, repeat purchase,"
                + " item-to-item co-purchase) against what each customer bought after it; measure segment"
                + " stability by bootstrap and segment migration between the two periods.",
                "Writes evaluation.json, the training fit's run files and report.html (with an evaluation"
                        + " section) to --out and prints the tables."})
final class EvaluateCommand implements Callable<Integer> {
    /** Hold-out days when neither --split-date nor --holdout-days is given. */
    static final int DEFAULT_HOLDOUT_DAYS = 90;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created when missing).")
    Path out;

    @Option(names = "--split-date", paramLabel = "YYYY-MM-DD",
            description = "Lines dated this day or later are the hold-out.")
    String splitDate;

    @Option(names = "--holdout-days", paramLabel = "N",
            description = "The last N calendar days of the cleaned data are the hold-out (default: "
                    + DEFAULT_HOLDOUT_DAYS + " when --split-date is not given).")
    Integer holdoutDays;

    @Option(names = "--bootstrap", defaultValue = "20", paramLabel = "B",
            description = "Bootstrap resamples for segment stability; 0 skips it (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--migration", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fit the hold-out lines too and show how customers moved between segments (default: on).")
    boolean migration;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions options;

    @Mixin
    ReportOption report;

    @Override
    public Integer call() {
        if (splitDate != null && holdoutDays != null) {
            throw new UsageException("give --split-date or --holdout-days, not both");
        }
        if (bootstrap < 0) {
            throw new UsageException("--bootstrap: expected 0 or more resamples, found " + bootstrap);
        }
        if (Files.isRegularFile(out)) {
            throw new UsageException("--out " + out + " is a file; expected a folder (it is created when missing)");
        }
        OutputFolder.checkTarget(out); // refuse a folder of other files before the work, not after
        HoldoutEvaluation.Split split = split();
        long start = System.nanoTime();
        HoldoutEvaluation.Result r = HoldoutEvaluation.run(options.config(),
                inputOptions.source(spec.commandLine().getErr()),
                new HoldoutEvaluation.Options(split, bootstrap, migration),
                new StderrProgress(spec.commandLine().getErr(), options.quiet));
        OutputFolder files = EvaluationWriter.files(r, out);
        if (report.parquet) {
            io.retailseg.parquet.ParquetFiles.addTables(files, r.training());
        }
        if (!report.noReport) {
            files.add(Report.FILE, Report.fromRunFiles());
        }
        files.commit();
        PrintWriter w = spec.commandLine().getOut();
        Pipeline.badLines(r.training().cleaning().badLines()).ifPresent(w::println);
        print(r, w);
        w.printf(Locale.ROOT, "%nWrote %s and the training fit's run files (%s, %s, %s, %s, %s, %s) to %s"
                        + " (%.1f s).%n", RunFolderLayout.EVALUATION, RunFolderLayout.SUMMARY, RunFolderLayout.CUSTOMERS,
                RunFolderLayout.TOP_PRODUCTS, RunFolderLayout.RECOMMENDATIONS, RunFolderLayout.MODEL, RunFolderLayout.DATA_PROFILE,
                out.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
        if (!report.noReport) {
            w.printf("Report: %s%n", out.resolve(Report.FILE).toAbsolutePath());
        }
        w.flush();
        return Main.OK;
    }

    private HoldoutEvaluation.Split split() {
        if (splitDate != null) {
            try {
                return HoldoutEvaluation.Split.at(LocalDate.parse(splitDate.trim()));
            } catch (DateTimeParseException e) {
                throw new UsageException("--split-date: expected a date like 2011-09-01, found \"" + splitDate + "\"");
            }
        }
        int days = holdoutDays == null ? DEFAULT_HOLDOUT_DAYS : holdoutDays;
        if (days < 1) {
            throw new UsageException("--holdout-days: expected 1 or more days, found " + days);
        }
        return HoldoutEvaluation.Split.lastDays(days);
    }

    static void print(HoldoutEvaluation.Result r, PrintWriter w) {
        HoldoutEvaluation.Population p = r.population();
        w.printf(Locale.ROOT, "Split: training %s .. day before %s (%,d lines), hold-out %s .. %s (%,d lines).%n",
                p.firstDay(), p.splitDay(), p.linesBefore(), p.splitDay(), p.lastDay(), p.linesAfter());
        w.printf(Locale.ROOT, "Customers before the split: %,d (%,d outliers); returning in the hold-out: %,d;"
                        + " evaluated (segmented and returning): %,d any product, %,d new products only.%n",
                p.customersBefore(), p.outliersBefore(), p.returning(), p.returningSegmented(),
                p.returningSegmentedWithNewProducts());
        w.printf(Locale.ROOT, "Training fit: k = %d, silhouette %.4f; catalogue %,d products.%n", r.training().k(),
                r.training().metrics().silhouette(), p.catalogueBefore());
        for (OfferMode mode : OfferMode.values()) {
            w.printf(Locale.ROOT, "%nRecommendations, mode %s (means over customers; coverage = share of the"
                    + " catalogue recommended):%n%n", mode.name().toLowerCase(Locale.ROOT));
            StringBuilder header = new StringBuilder("| recommender | customers |");
            StringBuilder rule = new StringBuilder("|---|---:|");
            for (String metric : new String[] {"P", "R", "HR", "NDCG"}) {
                for (int n : HoldoutEvaluation.CUTOFFS) {
                    header.append(' ').append(metric).append('@').append(n).append(" |");
                    rule.append("---:|");
                }
            }
            header.append(" cov@10 |");
            rule.append("---:|");
            w.println(header);
            w.println(rule);
            for (RecommenderEvaluation.Score s : r.scores()) {
                if (s.mode() != mode) {
                    continue;
                }
                StringBuilder row = new StringBuilder();
                String name = s.recommender().equals(r.defaultRecommender()) ? "**" + s.recommender() + "** (run's)"
                        : s.recommender();
                row.append(String.format(Locale.ROOT, "| %s | %,d |", name, s.customersEvaluated()));
                for (int metric = 0; metric < 4; metric++) {
                    for (int n : HoldoutEvaluation.CUTOFFS) {
                        RecommenderEvaluation.AtN at = s.at(n);
                        double v = switch (metric) {
                            case 0 -> at.precision();
                            case 1 -> at.recall();
                            case 2 -> at.hitRate();
                            default -> at.ndcg();
                        };
                        row.append(String.format(Locale.ROOT, " %.4f |", v));
                    }
                }
                row.append(String.format(Locale.ROOT, " %.4f |", s.at(10).coverage()));
                w.println(row);
            }
        }
        w.printf(Locale.ROOT, "%nTraining per recommender (wall time; state = what the fitted recommender keeps):%n%n");
        w.println("| recommender | train ms | state MB |");
        w.println("|---|---:|---:|");
        r.trainings().forEach((name, t) -> w.printf(Locale.ROOT, "| %s | %,d | %.1f |%n", name, t.millis(),
                t.stateBytes() / 1e6));
        printComparisons(r, w);
        printDefaultComparisons(r, w);
        r.stability().ifPresent(s -> printStability(s, r, w));
        r.migration().ifPresent(m -> {
            w.printf(Locale.ROOT, "%nMigration: training segments (rows) vs a fit on the hold-out lines alone with k"
                    + " = %d, matched to the training segments (columns):%n%n", r.training().k());
            Tables.migration(m, w);
        });
        w.flush();
    }

    private static void printComparisons(HoldoutEvaluation.Result r, PrintWriter w) {
        if (r.comparisons().isEmpty()) {
            return;
        }
        w.printf(Locale.ROOT, "%nDifference from %s on the same customers (mean of per-customer differences"
                + " +- standard error):%n%n", r.comparisons().get(0).reference());
        w.println("| recommender | mode | P@3 | P@10 | HR@3 | HR@10 | NDCG@10 |");
        w.println("|---|---|---:|---:|---:|---:|---:|");
        for (RecommenderEvaluation.Comparison c3 : r.comparisons()) {
            if (c3.n() != 3) {
                continue;
            }
            RecommenderEvaluation.Comparison c10 = r.comparisons().stream().filter(c -> c.n() == 10
                    && c.mode() == c3.mode() && c.recommender().equals(c3.recommender())).findFirst().orElseThrow();
            w.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", c3.recommender(),
                    c3.mode().name().toLowerCase(Locale.ROOT), plusMinus(c3.precision()), plusMinus(c10.precision()),
                    plusMinus(c3.hitRate()), plusMinus(c10.hitRate()), plusMinus(c10.ndcg()));
        }
    }

    /** The run's recommender minus each other one at N = 10, with a mark where it wins beyond two standard errors. */
    private static void printDefaultComparisons(HoldoutEvaluation.Result r, PrintWriter w) {
        if (r.defaultComparisons().isEmpty()) {
            return;
        }
        w.printf(Locale.ROOT, "%nThe run's recommender, %s, minus each other on the same customers at N = 10 (mean +-"
                + " standard error; * = beyond two standard errors):%n%n", r.defaultRecommender());
        w.println("| other recommender | mode | HR@10 | NDCG@10 |");
        w.println("|---|---|---:|---:|");
        for (RecommenderEvaluation.Comparison c : r.defaultComparisons()) {
            if (c.n() == 10) {
                w.printf(Locale.ROOT, "| %s | %s | %s%s | %s%s |%n", c.reference(), c.mode().name().toLowerCase(Locale.ROOT),
                        plusMinus(c.hitRate()), beyond(c.hitRate()), plusMinus(c.ndcg()), beyond(c.ndcg()));
            }
        }
    }

    private static String beyond(RecommenderEvaluation.Difference d) {
        return d.mean() > 2 * d.standardError() ? " *" : "";
    }

    private static String plusMinus(RecommenderEvaluation.Difference d) {
        return String.format(Locale.ROOT, "%+.4f +- %.4f", d.mean(), d.standardError());
    }

    private static void printStability(BootstrapStability.Result s, HoldoutEvaluation.Result r, PrintWriter w) {
        w.printf(Locale.ROOT, "%nStability: %d bootstrap resamples, k = %d re-fitted (scaler, PCA, k-means): adjusted"
                + " Rand index mean %.4f, min %.4f.%n%n", s.resamples(), s.k(), s.meanAdjustedRand(),
                s.minAdjustedRand());
        w.println("| segment | name | customers | Jaccard stability (Hennig) |");
        w.println("|---:|---|---:|---:|");
        for (SegmentProfile p : r.training().profiles()) {
            w.printf(Locale.ROOT, "| %d | %s | %,d | %.4f |%n", p.id(), p.name(), p.size(),
                    s.segmentStability()[p.id()]);
        }
    }
}
