package io.retailseg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * The environment refused to take the output: the disk is full, a folder is not writable, a path is
 * not a folder. Not the input's fault and not a bug. The message is one line naming the path and
 * what failed, e.g. {@code cannot write /x/summary.json: No space left on device}.
 */
public final class OutputException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public OutputException(String what, Object path, IOException cause) {
        super(Echo.escape(what + " " + path + ": " + reason(cause)), cause);
        this.path = String.valueOf(path);
    }

    /** {@code cannot write PATH: REASON}. */
    public static OutputException cannotWrite(Object path, IOException cause) {
        return new OutputException("cannot write", path, cause);
    }

    /** The path the failure is about. */
    public String path() {
        return path;
    }

    /** What the operating system said, without the path it repeats ({@code No space left on device}). */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String kind = switch (e.getClass().getSimpleName()) {
                case "AccessDeniedException" -> "Permission denied";
                case "NoSuchFileException" -> "No such file or directory";
                case "FileAlreadyExistsException" -> "File exists";
                case "NotDirectoryException" -> "Not a directory";
                case "DirectoryNotEmptyException" -> "Directory not empty";
                default -> null;
            };
            String reason = f.getReason();
            if (reason != null) {
                return reason;
            }
            if (kind != null) {
                return kind;
            }
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
