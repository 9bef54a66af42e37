package io.retailseg.server;

import io.retailseg.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one folder a reload may load runs from ({@code serve --runs-root}, by default the parent
 * folder of {@code --run}). A path given to {@code POST /api/admin/reload} is resolved against the
 * root when relative, its links resolved ({@code toRealPath}), and then it must lie inside the root;
 * otherwise the answer is 404 with the same message whether or not the path exists outside the root,
 * so the endpoint cannot be used to probe the machine's files. Errors about run files inside the
 * root name the file, line and field but never quote the file's bytes (the whole message goes to
 * the server's log).
 */
final class RunsRoot {
    private static final Logger LOG = LoggerFactory.getLogger(RunsRoot.class);

    private final Path root;

    private RunsRoot(Path root) {
        this.root = root;
    }

    /**
     * The root, its links resolved.
     *
     * @throws InputException when it is not a folder
     */
    static RunsRoot of(Path given) {
        try {
            Path real = given.toRealPath();
            // a check of the folder itself, no file read (the run's files are read through the codec only)
            if (!real.toFile().isDirectory()) {
                throw new InputException(given.toString(), "runs root: not a folder");
            }
            return new RunsRoot(real);
        } catch (IOException e) {
            throw new InputException(given.toString(), "runs root: folder not found");
        }
    }

    /** The default root of a served run: the folder that holds it (and its {@code NAME.<run-id>} folders). */
    static Path defaultFor(Path run) {
        Path parent = run.toAbsolutePath().normalize().getParent();
        return parent == null ? run.toAbsolutePath() : parent;
    }

    Path path() {
        return root;
    }

    /** Loads the run folder {@code text} (absolute, or relative to the root) if it lies in the root. */
    RunSnapshot load(String text) {
        if (text.indexOf('\0') >= 0 || text.length() > 4096) {
            throw ApiException.badRequest("run: not a valid path");
        }
        Path given;
        try {
            given = Path.of(text);
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("run: not a valid path");
        }
        Path path = given.isAbsolute() ? given : root.resolve(given);
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException | SecurityException e) {
            throw notFound(text);
        }
        if (!real.startsWith(root)) {
            throw notFound(text);
        }
        return guarded(() -> RunSnapshot.load(path, root), text);
    }

    /** Loads the folder served now again (the start folder, or one a reload confined): follows its link anew. */
    RunSnapshot reload(Path folder) {
        return guarded(() -> RunSnapshot.load(folder), folder.toString());
    }

    private static ApiException notFound(String text) {
        return ApiException.notFound("run: no run folder '" + ScoreRequest.printable(shorten(text))
                + "' under the runs root (reload loads folders under the server's --runs-root only)");
    }

    static RunSnapshot guarded(java.util.function.Supplier<RunSnapshot> load, String what) {
        try {
            return load.get();
        } catch (RunSnapshot.OutsideRoot e) {
            throw notFound(what);
        } catch (InputException e) {
            LOG.warn("reload of {} refused: {}", what, e.getMessage());
            throw ApiException.badRequest(safeMessage(e) + "; the current run stays");
        } catch (UncheckedIOException e) {
            LOG.warn("reload of {} refused", what, e);
            throw ApiException.badRequest("run: cannot read the run folder '" + ScoreRequest.printable(shorten(what))
                    + "'; the current run stays");
        }
    }

    /**
     * The error's file, line and field, and its problem cut before anything that could be the file's own
     * content: quoted text, what was "found", parenthesised details and Jackson's messages.
     */
    static String safeMessage(InputException e) {
        StringBuilder sb = new StringBuilder(ScoreRequest.printable(e.source()));
        if (e.line() > 0) {
            sb.append(':').append(e.line());
        }
        sb.append(": ");
        e.field().ifPresent(f -> sb.append("field '").append(ScoreRequest.printable(shorten(f))).append("': "));
        return sb.append(safeProblem(problemOf(e))).toString();
    }

    private static String problemOf(InputException e) {
        String m = e.getMessage();
        String prefix = e.source() + (e.line() > 0 ? ":" + e.line() : "") + ": "
                + e.field().map(f -> "field '" + f + "': ").orElse("");
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    static String safeProblem(String problem) {
        String p = problem;
        java.util.regex.Matcher json = java.util.regex.Pattern.compile("not valid JSON( at line \\d+)?").matcher(p);
        if (json.find()) {
            p = p.substring(0, json.end());
        }
        int cut = p.length();
        for (String stop : new String[] {"\"", "'", "`", "(", "found", "\n", "\r", "0x"}) {
            int i = p.indexOf(stop);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String kept = p.substring(0, cut).replaceAll("[\\s,:;]+$", "");
        if (kept.isEmpty() || kept.equals("expected")) {
            kept = "not a valid value";
        }
        return ScoreRequest.printable(kept.length() > 200 ? kept.substring(0, 200) : kept);
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
