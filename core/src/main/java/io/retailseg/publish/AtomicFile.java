package io.retailseg.publish;

import io.retailseg.OutputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes one file atomically (a {@code score --out FILE}, a report written elsewhere than its run): the
 * content goes to a temporary with a unique name in the same folder, created new (never through a planted
 * link), is forced to disk and renamed over the target. On failure the temporary is removed and the target
 * is untouched. Sets of files that belong together: {@link OutputFolder}.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {
    }

    /** Writes {@code file} through {@code content}. @throws OutputException when it cannot be written */
    public static void write(Path file, OutputFolder.Content content) {
        Path target = file.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path firstCreated = OutputFolder.firstMissingAncestor(parent);
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        Path tmp = parent.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
        try {
            try {
                Files.createDirectories(parent);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // a file where a folder should be: say so, as OutputFolder does, not "File exists"
                throw new OutputException("cannot create folder", parent, new IOException("Not a directory", e));
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("Is a directory");
            }
            Files.createFile(tmp);
            content.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            OutputFolder.syncDirectory(parent);
        } catch (IOException | RuntimeException e) {
            OutputFolder.deleteQuietly(tmp);
            if (firstCreated != null) {
                for (Path p = parent; p != null && p.startsWith(firstCreated); p = p.getParent()) {
                    OutputFolder.deleteQuietly(p);
                }
            }
            if (e instanceof IOException io) {
                throw OutputException.cannotWrite(target, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Writes {@code bytes} to {@code file}. */
    public static void write(Path file, byte[] bytes) {
        write(file, tmp -> Files.write(tmp, bytes));
    }
}
