package io.retailseg.cli;

import io.retailseg.domain.Column;
import io.retailseg.io.IngestOptions;
import io.retailseg.model.SegmentationModel;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.postgres.RunTables;
import io.retailseg.postgres.Migrations;
import io.retailseg.postgres.PostgresSink;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retailseg run}: the whole pipeline on a transactions file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Clean, engineer features, flag outliers, segment and recommend; write the results to --out"
                + " and/or publish them to a PostgreSQL database (--publish).")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (created when missing).")
    Path out;

    @Option(names = "--publish", paramLabel = "URL",
            description = "Also (or instead of --out) publish the run into a database, postgresql://HOST:PORT/DB,"
                    + " in one transaction (password from PGPASSWORD, ~/.pgpass or --password-file).")
    String publish;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = Database.DEFAULT_SCHEMA,
            description = "With --publish: the schema of the run tables (default: ${DEFAULT-VALUE}; created and"
                    + " migrated when needed).")
    String schema;

    @Option(names = "--keep-runs", paramLabel = "N",
            description = "With --publish: keep the newest N runs, deleting older ones in the same transaction"
                    + " (default: keep all).")
    Integer keepRuns;

    @Mixin
    InputOptions inputOptions;

    @Option(names = "--previous-model", paramLabel = "PATH",
            description = "A previous run folder or its model.json: segments are matched to its segments by centroid"
                    + " (optimal assignment) and keep their ids.")
    Path previousModel;

    @Mixin
    RunOptions options;

    @Mixin
    ReportOption report;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where the pipeline runs: local (default, this JVM) or spark (Apache Spark; the launcher"
                    + " builds the spark module and fetches Spark's jars on first use).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: Spark's master, e.g. local[*] (default) or spark://HOST:7077.")
    String master;

    @Override
    public Integer call() {
        if (out == null && publish == null) {
            throw new UsageException("expected --out DIR, --publish URL or both");
        }
        if (publish == null && (keepRuns != null || !Database.DEFAULT_SCHEMA.equals(schema))) {
            throw new UsageException("--schema and --keep-runs go with --publish");
        }
        if (keepRuns != null && keepRuns < 1) {
            throw new UsageException("--keep-runs: expected 1 or more, found " + keepRuns);
        }
        if (!engine.equals("local")) {
            return runElsewhere();
        }
        if (master != null) {
            throw new UsageException("--master goes with --engine spark");
        }
        PrintWriter err = spec.commandLine().getErr();
        Optional<Pipeline.Publish> sink = publish == null ? Optional.empty() : Optional.of(new Pipeline.Publish(
                new PostgresSink(new RunTables(
                        Database.connections("--publish", publish, inputOptions.passwordFile, err),
                        Database.schema(schema), Migrations.current())), Optional.ofNullable(keepRuns)));
        TransactionSource source = inputOptions.source(err);
        Optional<SegmentationModel> previous = previousModel == null ? Optional.empty()
                : Optional.of(PreviousModel.read(previousModel));
        Pipeline.runAndWrite(source, options.config(), Optional.ofNullable(out), sink, spec.commandLine().getOut(),
                err, options.quiet, previous, out != null && !report.noReport, report.parquet);
        return Main.OK;
    }

    /** {@code --engine spark} (or another engine found on the class path). */
    private int runElsewhere() {
        if (out == null) {
            throw new UsageException("--engine " + engine + ": expected --out DIR");
        }
        if (publish != null || previousModel != null) {
            throw new UsageException("--publish and --previous-model are not available with --engine " + engine
                    + "; use the local engine");
        }
        if (java.nio.file.Files.isRegularFile(out)) {
            throw new UsageException("--out " + out + " is a file; expected a folder (it is created when missing)");
        }
        io.retailseg.publish.OutputFolder.checkTarget(out);
        io.retailseg.pipeline.RunEngine found = Engines.find(engine);
        io.retailseg.config.RunConfig config = options.config();
        found.unsupported(config).ifPresent(problem -> {
            throw new UsageException(problem);
        });
        io.retailseg.pipeline.RunEngine.Input input = inputOptions.engineInput(spec.commandLine().getErr());
        long start = System.nanoTime();
        java.util.Map<String, io.retailseg.publish.OutputFolder.DerivedContent> extra = report.noReport
                ? java.util.Map.of() : java.util.Map.of(io.retailseg.report.Report.FILE,
                        io.retailseg.report.Report.fromRunFiles());
        io.retailseg.pipeline.RunResult result = found.run(Optional.ofNullable(master), input,
                inputOptions.ingest(), config, out, extra);
        PrintWriter stdout = spec.commandLine().getOut();
        Pipeline.printSummary(result, Optional.of(out), (System.nanoTime() - start) / 1_000_000, stdout);
        if (!report.noReport) {
            stdout.printf("Report: %s%n", out.resolve(io.retailseg.report.Report.FILE).toAbsolutePath());
        }
        stdout.flush();
        return Main.OK;
    }

    static IngestOptions ingestOptions(String columns, String encoding, String dateFormat) {
        IngestOptions o = IngestOptions.defaults();
        if (encoding != null) {
            try {
                o = o.withEncoding(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UsageException("--encoding: unknown character set \"" + encoding + "\"");
            }
        }
        if (dateFormat != null) {
            try {
                DateTimeFormatter.ofPattern(dateFormat);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--date-format: not a date pattern: " + e.getMessage());
            }
            o = o.withDateFormat(dateFormat);
        }
        if (columns != null) {
            o = o.withColumnNames(parseColumns(columns));
        }
        return o;
    }

    static Map<Column, String> parseColumns(String spec) {
        Map<Column, String> map = new EnumMap<>(Column.class);
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UsageException("--columns: expected COLUMN=HEADER pairs separated by commas, found \""
                        + pair + "\"");
            }
            try {
                map.put(Column.byCanonicalName(pair.substring(0, eq)), unquote(pair.substring(eq + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--columns: " + e.getMessage());
            }
        }
        return map;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
