package io.retailseg.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a set of files into a folder so that a reader never sees half of them: every file is first
 * written completely under a temporary name in the folder, and only when all are written are they
 * renamed into place, each rename atomic. When anything fails before that, the temporary files are
 * removed (and the folder too, when this call created it), so what the user had stays as it was.
 */
public final class OutputFolder {
    /** Writes one file's content to a path. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** Writes one file's content from files written before it in the same commit. */
    @FunctionalInterface
    public interface DerivedContent {
        /**
         * @param file where to write
         * @param earlier a file of the folder by name: the temporary of a file added before this one, or
         *     the file already in the folder for any other name (which may not exist)
         */
        void writeTo(Path file, Function<String, Path> earlier) throws IOException;
    }

    private final Path folder;
    private final Map<String, Content> files = new LinkedHashMap<>();
    private final Map<String, Path> written = new HashMap<>();

    public OutputFolder(Path folder) {
        this.folder = folder;
    }

    /** Adds a file to write, by name within the folder. */
    public OutputFolder add(String name, Content content) {
        files.put(name, content);
        return this;
    }

    /** Adds a file whose content is already in memory. */
    public OutputFolder add(String name, byte[] bytes) {
        return add(name, file -> Files.write(file, bytes));
    }

    /**
     * Adds a file computed from the files added before it (e.g. a report built from a run's files), so
     * that it is written and renamed into place together with them.
     */
    public OutputFolder add(String name, DerivedContent content) {
        return add(name, file -> content.writeTo(file,
                other -> written.containsKey(other) ? written.get(other) : folder.resolve(other)));
    }

    /** Writes every file, then renames them all into place. */
    public void commit() {
        Path firstCreated = firstMissingAncestor(folder.toAbsolutePath());
        List<Path> temporaries = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, Content> e : files.entrySet()) {
                Path tmp = folder.resolve("." + e.getKey() + ".tmp");
                temporaries.add(tmp);
                e.getValue().writeTo(tmp);
                written.put(e.getKey(), tmp);
            }
        } catch (IOException | RuntimeException e) {
            for (Path tmp : temporaries) {
                deleteQuietly(tmp);
            }
            if (firstCreated != null) {
                for (Path p = folder.toAbsolutePath(); p != null && p.startsWith(firstCreated); p = p.getParent()) {
                    deleteQuietly(p);
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write to " + folder + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        int i = 0;
        for (String name : files.keySet()) {
            move(temporaries.get(i++), folder.resolve(name));
        }
    }

    /** The outermost folder of {@code folder}'s path that does not exist yet, or null when it exists. */
    private static Path firstMissingAncestor(Path folder) {
        Path missing = null;
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the original error is what the user needs to see
        }
    }
}
