package io.retailseg.runfolder;

import io.retailseg.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a run folder for reading: resolves the {@code --out} link to the run's real folder once, reads
 * its {@code run.json} and checks that every listed file is there with its size and CRC-32C. Everything
 * read afterwards through {@link Run#file} comes from that one folder, so a reader never mixes two runs
 * even when a new run replaces the link meanwhile (the folder it opened is kept one run back).
 */
public final class RunFolderReader {
    private RunFolderReader() {
    }

    /**
     * One verified run.
     *
     * @param runId the run's id from {@code run.json}
     * @param folder the real folder (the link resolved), absolute
     * @param given the path as the caller gave it, for messages
     * @param manifest the manifest as read
     */
    public record Run(String runId, Path folder, Path given, RunManifest manifest) {
        /** The file {@code name} of this run (which may not exist when the manifest does not list it). */
        public Path file(String name) {
            return folder.resolve(name);
        }

        /** Whether the manifest lists {@code name}. */
        public boolean has(String name) {
            return entry(name).isPresent();
        }

        /** The manifest's entry of {@code name}. */
        /**
         * Checks that a file's own {@code run_id} (when it records one) is this run's.
         *
         * @throws io.retailseg.InputException naming the file and both ids when they differ
         */
        public void checkRunId(Path file, Optional<String> fileRunId) {
            if (fileRunId.isPresent() && !fileRunId.get().equals(runId)) {
                throw new io.retailseg.InputException(file.toString(), 0, "run_id", "expected \"" + runId
                        + "\" (the run of run.json), found \"" + fileRunId.get() + "\": the folder mixes two runs");
            }
        }

        public Optional<RunManifest.FileEntry> entry(String name) {
            return manifest.files().stream().filter(f -> f.name().equals(name)).findFirst();
        }

        /**
         * The bytes of the listed file {@code name}, read once and checked again against the manifest's size and
         * CRC-32C (for a file used as is, e.g. the report a server hands out).
         *
         * @throws InputException when the manifest does not list it, or it changed since the run wrote it
         */
        public byte[] bytes(String name) {
            String where = given + "/" + name;
            RunManifest.FileEntry expected = entry(name).orElseThrow(() -> new InputException(where,
                    "not listed in " + RunFolderLayout.MANIFEST + ": not a file of this run"));
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file(name), LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new InputException(where, "cannot read: " + e.getMessage());
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(bytes);
            if (bytes.length != expected.bytes() || !RunManifest.hex(crc).equals(expected.crc32c())) {
                throw new InputException(where, "disagrees with " + RunFolderLayout.MANIFEST
                        + ": the file was changed after the run wrote it");
            }
            return bytes;
        }

        /** The names of the run's files, in the order written (without the manifest). */
        public List<String> names() {
            return manifest.files().stream().map(RunManifest.FileEntry::name).toList();
        }
    }

    /**
     * Opens the run folder {@code dir} (the {@code --out} of a run, normally a link to the run's folder).
     *
     * @throws InputException (one line) when {@code dir} is not a folder, has no {@code run.json} (written by
     *     an older version: re-run), or a file disagrees with the manifest
     */
    public static Run open(Path dir) {
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(dir);
            } catch (Vanished e) {
                if (attempt == RETRIES) {
                    throw e.error;
                }
                // two newer runs were committed while this one was being checked, and it was cleaned:
                // resolve the link again
            }
        }
    }

    private static final int RETRIES = 5;

    /** The folder the link pointed to was deleted while it was being read. */
    private static final class Vanished extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient InputException error;

        Vanished(InputException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private static Run openOnce(Path dir) {
        String name = dir.toString();
        Path real;
        try {
            real = dir.toRealPath();
        } catch (NoSuchFileException e) {
            InputException notFound = new InputException(name, "folder not found: expected the output folder of"
                    + " 'retailseg run'");
            if (Files.isSymbolicLink(dir)) {
                // the link is there but the run it pointed to was cleaned while the path was resolved (two newer
                // runs were committed meanwhile): resolve the link again
                throw new Vanished(notFound);
            }
            throw notFound;
        } catch (IOException e) {
            throw new InputException(name, "cannot open: " + e.getMessage());
        }
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            InputException notAFolder = new InputException(name, "not a folder: expected the output folder of"
                    + " 'retailseg run'");
            if (!real.equals(currentTarget(dir))) {
                // the link moved on and the folder it pointed to was cleaned before it could be opened
                throw new Vanished(notAFolder);
            }
            throw notAFolder;
        }
        Path manifestFile = real.resolve(RunFolderLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            if (!real.equals(currentTarget(dir))) {
                // the link moved on and this folder was (being) cleaned between resolving and reading it
                throw new Vanished(new InputException(name, "no " + RunFolderLayout.MANIFEST
                        + ": the run folder was replaced while it was being opened, several times in a row"));
            }
            if (Files.exists(real.resolve(RunFolderLayout.SUMMARY)) || Files.exists(real.resolve(RunFolderLayout.MODEL))) {
                throw new InputException(name, "no " + RunFolderLayout.MANIFEST + ": written by an older retailseg"
                        + " version; re-run 'retailseg run' (or 'evaluate') to write this folder again");
            }
            throw new InputException(name, "no " + RunFolderLayout.MANIFEST
                    + ": not the output folder of 'retailseg run' (or the run did not finish)");
        }
        try {
            return verified(dir, real);
        } catch (InputException e) {
            if (!Files.isDirectory(real) || !real.equals(currentTarget(dir))) {
                // cleaned away (or being cleaned) by a newer run's commit while it was checked
                throw new Vanished(e);
            }
            throw e;
        }
    }

    /** Where {@code dir} points now, or null when it does not resolve. */
    private static Path currentTarget(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static Run verified(Path dir, Path real) {
        String name = dir.toString();
        Path manifestFile = real.resolve(RunFolderLayout.MANIFEST);
        String manifestName = name + "/" + RunFolderLayout.MANIFEST;
        RunManifest manifest = RunJson.read(manifestFile, manifestName, RunManifest.class);
        if (!RunManifest.FORMAT.equals(manifest.format())) {
            throw new InputException(manifestName, 0, "format", "expected \"" + RunManifest.FORMAT + "\", found \""
                    + manifest.format() + "\"");
        }
        if (manifest.formatVersion() != RunManifest.FORMAT_VERSION) {
            throw new InputException(manifestName, 0, "format_version", "version " + manifest.formatVersion()
                    + " is not supported, expected " + RunManifest.FORMAT_VERSION);
        }
        Map<String, RunManifest.FileEntry> seen = new HashMap<>();
        for (RunManifest.FileEntry f : manifest.files()) {
            if (seen.put(f.name(), f) != null || f.name().equals(RunFolderLayout.MANIFEST)) {
                throw new InputException(manifestName, 0, "files", "lists \"" + f.name() + "\" twice");
            }
            verify(real.resolve(f.name()), name + "/" + f.name(), f);
        }
        return new Run(manifest.runId(), real, dir, manifest);
    }

    /** Whether {@code dir} resolves to a folder with a manifest (a run of this version). */
    public static boolean hasManifest(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFolderLayout.MANIFEST));
    }

    private static void verify(Path file, String name, RunManifest.FileEntry expected) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(name, "missing: " + RunFolderLayout.MANIFEST + " lists it but the folder has"
                    + " no such file (the run folder was changed after it was written)");
        }
        long size;
        String crc;
        try {
            size = Files.size(file);
            if (size != expected.bytes()) {
                throw new InputException(name, "size " + size + " bytes disagrees with " + RunFolderLayout.MANIFEST
                        + " (" + expected.bytes() + " bytes): the file was changed after the run wrote it");
            }
            crc = crc32c(file);
        } catch (IOException e) {
            throw new InputException(name, "cannot read: " + e.getMessage());
        }
        if (!crc.equals(expected.crc32c())) {
            throw new InputException(name, "CRC-32C " + crc + " disagrees with " + RunFolderLayout.MANIFEST
                    + " (" + expected.crc32c() + "): the file was changed after the run wrote it");
        }
    }

    /** The CRC-32C of a file's bytes, as the manifest writes it. */
    public static String crc32c(Path file) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return RunManifest.hex(crc);
    }

}
