package io.retailseg.cli;

import io.retailseg.evaluate.Migration;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentMatching;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunFolderReader;
import io.retailseg.io.RunFolder;
import io.retailseg.model.SegmentationModel;
import io.retailseg.publish.EvaluationWriter;
import io.retailseg.runfolder.MigrationFile;
import io.retailseg.runfolder.RunFolderLayout;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        // each folder opened once: its model and its customers come from the same run
        RunFolderReader.Run fromRun = RunFolderReader.open(from);
        RunFolderReader.Run toRun = RunFolderReader.open(to);
        SegmentationModel first = ModelCodec.read(fromRun.file(RunFolderLayout.MODEL));
        SegmentationModel second = ModelCodec.read(toRun.file(RunFolderLayout.MODEL));
        SegmentMatching.Match match = SegmentMatching.match(second.segmenter(), first.segmenter());
        Migration.Result m = Migration.between(RunFolder.segmentation(fromRun.file(RunFolderLayout.CUSTOMERS), first.k()),
                RunFolder.segmentation(toRun.file(RunFolderLayout.CUSTOMERS), second.k()).relabel(match.newId()));
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
            int[] renamed = match.newId();
            List<MigrationFile.Pair> pairs = new ArrayList<>();
            for (int s = 0; s < renamed.length; s++) {
                pairs.add(new MigrationFile.Pair(s, renamed[s], match.previousId()[s] < 0 ? Optional.empty()
                        : Optional.of(match.distance()[s])));
            }
            MigrationFile json = MigrationFile.of(Optional.empty(), from.toString(), to.toString(), pairs,
                    EvaluationWriter.migration(m, "segment in --from",
                            "segment in --to, renamed to the matched --from segment"));
            EvaluationWriter.writeMigration(json, out);
            w.printf(Locale.ROOT, "%nWrote %s to %s.%n", RunFolderLayout.MIGRATION, out.toAbsolutePath());
        }
        w.flush();
        return Main.OK;
    }
}
