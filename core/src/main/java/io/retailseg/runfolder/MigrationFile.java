package io.retailseg.runfolder;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code migration.json} (from {@code retailseg migrate}): how the customers of run {@code from} moved
 * to the segments of run {@code to}, whose segments were first matched to {@code from}'s.
 *
 * @param matching each {@code --to} segment, the id it was given and its centroid distance
 */
public record MigrationFile(String format, int formatVersion,
                            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> runId,
                            String from, String to, List<Pair> matching, MigrationBlock migration) {
    public static final String FORMAT = "retailseg-migration";
    public static final int FORMAT_VERSION = 1;

    public MigrationFile {
        matching = List.copyOf(matching);
    }

    /** A file of the current format. */
    public static MigrationFile of(Optional<String> runId, String from, String to, List<Pair> matching,
                                   MigrationBlock migration) {
        return new MigrationFile(FORMAT, FORMAT_VERSION, runId, from, to, matching, migration);
    }

    /** Reads {@code file}; errors name it as {@code name}. */
    public static MigrationFile read(Path file, String name) {
        return RunJson.read(file, name, MigrationFile.class, FORMAT, FORMAT_VERSION);
    }

    /**
     * One {@code --to} segment.
     *
     * @param distance its centroid's distance to the matched one, null (empty) when it had no partner
     */
    public record Pair(int toSegment, int matchedId, Optional<Double> distance) {
    }
}
