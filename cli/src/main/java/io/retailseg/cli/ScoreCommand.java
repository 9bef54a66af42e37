package io.retailseg.cli;

import io.retailseg.domain.Transactions;
import io.retailseg.io.TransactionReader;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentationModel;
import io.retailseg.publish.ScoreWriter;
import io.retailseg.score.ScoreResult;
import io.retailseg.score.Scorer;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retailseg score}: segment, outlier flag and recommendations for customers' lines, with a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score customers' transaction lines (new or known customers) with the model of an earlier run;"
                + " write one CSV row per customer to --out.")
final class ScoreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|FILE|URL",
            description = "Output folder of 'retailseg run' (holding model.json), a model.json file, or a database"
                    + " postgresql://HOST:PORT/DB that runs were published to (the newest run's model, or --run-id's).")
    String model;

    @CommandLine.Mixin
    PublishedRunOptions published;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Transaction lines to score: CSV (plain or .gz), XLSX or Parquet (a file or a folder of"
                    + " part files) in the Online Retail layout.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "CSV to write: CustomerID, the 15 features, Outlier_Score, Is_Outlier, Segment,"
                    + " Segment_Name, Rec1_StockCode, Rec1_Description, ..., then P_Alive, Expected_Purchases,"
                    + " Expected_Order_Value, Expected_Value.")
    Path out;

    @CommandLine.Mixin
    InputFormatOptions format;

    @Option(names = "--recommender", paramLabel = "NAME",
            description = "Check that the model recommends with NAME, or use segment-best-sellers (the reference's"
                    + " rule, which every model keeps) instead of the model's own recommender (default: the model's).")
    String recommender;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        SegmentationModel saved;
        if (Database.isUrl(model)) {
            checkOut(input, input, out);
            saved = published.runs("--model", model, spec.commandLine().getErr()).model(published.runId());
        } else {
            published.refuseWithout("--model");
            checkOut(input, Path.of(model), out);
            saved = ModelCodec.read(Path.of(model));
        }
        Scorer scorer = Scorer.of(selectRecommender(saved, recommender));
        Transactions lines = TransactionReader.read(input, format.ingestOptions());
        ScoreResult result = scorer.score(lines);
        ScoreWriter.write(result, scorer.model().recommendationsPerCustomer(), out);
        PrintWriter stdout = spec.commandLine().getOut();
        Pipeline.badLines(lines.badLines()).ifPresent(stdout::println);
        long outliers = result.customers().stream().filter(c -> c.outlier()).count();
        stdout.printf("scored %d customers (%d outliers) from %d lines into %s%n", result.customers().size(),
                outliers, lines.size(), out);
        for (Map.Entry<Long, String> e : result.notScored().entrySet()) {
            stdout.printf("not scored: customer %d: %s%n", e.getKey(), e.getValue());
        }
        stdout.flush();
        return Main.OK;
    }

    /** The model with the recommender named on the command line, or a usage error saying what the model holds. */
    static SegmentationModel selectRecommender(SegmentationModel m, String name) {
        if (name == null) {
            return m;
        }
        try {
            return m.withRecommender(RunOptions.recommenderKind(name));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--recommender: " + e.getMessage());
        }
    }

    /**
     * Refuses, before any work, an {@code --out} that is a folder or the input or model file itself
     * (compared as real files, so also through links and other spellings): score would replace it.
     */
    static void checkOut(Path input, Path model, Path out) {
        if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a folder; expected the CSV file to write");
        }
        for (Map.Entry<String, Path> e : Map.of("--input", input, "--model", model).entrySet()) {
            if (sameFile(e.getValue(), out)) {
                throw new UsageException("--out " + out + " is the " + e.getKey() + " file " + e.getValue()
                        + "; choose another file to write (score never overwrites what it reads)");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (io.retailseg.io.TransactionReader.isStandardInput(a) || !Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b); // real paths: links and ../ resolved
        } catch (IOException e) {
            return false; // cannot tell: the read or the write will say what is wrong
        }
    }
}
