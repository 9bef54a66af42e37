package io.retailseg.cli;

import io.retailseg.evaluate.Migration;
import io.retailseg.model.SegmentMatching;
import io.retailseg.domain.Segmentation;
import io.retailseg.io.RunFolder;
import io.retailseg.model.SegmentationModel;
import io.retailseg.publish.EvaluationWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retailseg migrate}: how customers moved between the segments of two runs. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Count how customers moved between the segments of two run folders (e.g. two periods):"
                + " the second run's segments are matched to the first's by centroid (optimal assignment), so rows"
                + " and columns line up; customers who left or arrived are counted too.",
                "Prints the matrix; with --out, also writes migration.json (with the customer ids)."})
final class MigrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "RUN", description = "The first run's folder.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "RUN", description = "The second run's folder.")
    Path to;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write migration.json into.")
    Path out;

    @Override
    public Integer call() {
        for (Path p : new Path[] {from, to}) {
            if (!Files.isDirectory(p)) {
                throw new UsageException(p + " is not a run folder (expected the --out folder of retailseg run)");
            }
        }
        SegmentationModel first = PreviousModel.read(from);
        SegmentationModel second = PreviousModel.read(to);
        SegmentMatching.Match match = SegmentMatching.match(second.segmenter(), first.segmenter());
        Migration.Result m = Migration.between(segmentation(from, first.k()),
                segmentation(to, second.k()).relabel(match.newId()));
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "Segments of %s (rows) vs %s (columns), the second's matched to the first's:%n", from, to);
        for (int s = 0; s < match.newId().length; s++) {
            w.printf(Locale.ROOT, "  %s segment %d -> %d (%s)%n", to, s, match.newId()[s],
                    match.previousId()[s] < 0 ? "no partner" : String.format(Locale.ROOT, "centroid distance %.4f",
                            match.distance()[s]));
        }
        w.println();
        Tables.migration(m, w);
        if (out != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", "retailseg-migration");
            json.put("format_version", EvaluationWriter.FORMAT_VERSION);
            json.put("from", from.toString());
            json.put("to", to.toString());
            int[] renamed = match.newId();
            java.util.List<Object> pairs = new java.util.ArrayList<>();
            for (int s = 0; s < renamed.length; s++) {
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("to_segment", s);
                pair.put("matched_id", renamed[s]);
                pair.put("distance", match.previousId()[s] < 0 ? null : match.distance()[s]);
                pairs.add(pair);
            }
            json.put("matching", pairs);
            json.put("migration", EvaluationWriter.migration(m, "segment in --from",
                    "segment in --to, renamed to the matched --from segment"));
            EvaluationWriter.writeMigration(json, out);
            w.printf(Locale.ROOT, "%nWrote %s to %s.%n", EvaluationWriter.MIGRATION, out.toAbsolutePath());
        }
        w.flush();
        return Main.OK;
    }

    /** The segments of a run folder's customers.csv. */
    private static Segmentation segmentation(Path run, int k) {
        java.util.TreeMap<Long, Integer> segments = new java.util.TreeMap<>(RunFolder.segments(run));
        long[] ids = segments.keySet().stream().mapToLong(Long::longValue).toArray();
        int[] segment = segments.values().stream().mapToInt(Integer::intValue).toArray();
        try {
            return Segmentation.of(ids, segment, k);
        } catch (IllegalArgumentException e) {
            throw new io.retailseg.InputException(run.toString(), "customers.csv does not fit the run's model: "
                    + e.getMessage());
        }
    }
}
