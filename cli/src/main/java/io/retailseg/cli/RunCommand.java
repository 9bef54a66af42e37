package io.retailseg.cli;

import io.retailseg.domain.Column;
import io.retailseg.io.IngestOptions;
import io.retailseg.model.SegmentationModel;
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
        description = "Clean, engineer features, flag outliers, segment and recommend; write the results to --out.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created when missing).")
    Path out;

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

    @Override
    public Integer call() {
        Optional<SegmentationModel> previous = previousModel == null ? Optional.empty()
                : Optional.of(PreviousModel.read(previousModel));
        Pipeline.runAndWrite(inputOptions.input, inputOptions.ingest(), options.config(), out,
                spec.commandLine().getOut(), spec.commandLine().getErr(), options.quiet, previous,
                !report.noReport);
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
