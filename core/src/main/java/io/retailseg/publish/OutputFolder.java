package io.retailseg.publish;

import io.retailseg.InputException;
import io.retailseg.OutputException;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunJson;
import io.retailseg.runfolder.RunManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a run's files so that a reader of {@code PARENT/NAME} sees either the previous complete run or
 * the new complete run, never a mix, also when the process is killed at any moment:
 *
 * <ol>
 *   <li>every file is written (with {@code CREATE_NEW}, so a planted symbolic link is never followed) and
 *       fsynced into a fresh hidden folder {@code PARENT/.NAME.<run-id>.staging/}, which holds a lock file
 *       locked by the writer while it writes (a lock dies with its process);</li>
 *   <li>{@code run.json} (the manifest: run id, time, every file's size and CRC-32C) is written last;</li>
 *   <li>under the folder lock {@code PARENT/.NAME.lock} the staging folder is renamed to
 *       {@code PARENT/NAME.<run-id>} and {@code PARENT/NAME} becomes, by one rename of a new link over the
 *       old, a symbolic link to {@code NAME.<run-id>};</li>
 *   <li>still under that lock, staging folders of dead writers, leftover links and finished runs other
 *       than the new one and the one just replaced are deleted.</li>
 * </ol>
 *
 * When anything fails before the swap, the staging folder is removed and {@code PARENT/NAME} is untouched.
 * Write failures are {@link OutputException}s naming the file; a target that is not a run folder is
 * refused with an {@link InputException}. Single files outside a run folder: {@link AtomicFile}.
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
         * @param earlier a file of the run by name: the staging path of a file added before this one (a name
         *     not added before gives a path in the staging folder that does not exist)
         */
        void writeTo(Path file, Function<String, Path> earlier) throws IOException;
    }

    /** The writer's lock file inside a staging folder. */
    static final String WRITER_LOCK = ".writer.lock";
    private static final String RUN_ID = "\\d{8}T\\d{6}Z-[0-9a-f]{6}";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Writer lock files this JVM holds: never opened by its cleaner (closing any channel drops the lock). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    /** One lock per folder lock file in this JVM, taken before the file lock (which is per process). */
    private static final Map<Path, ReentrantLock> FOLDER_LOCKS = new ConcurrentHashMap<>();

    private final Path target;
    private final String runId;
    private final Instant createdAt;
    private final Map<String, Content> files = new LinkedHashMap<>();
    /**
     * Each file's write, once the commit has started it (a file is written on one of {@link #WRITERS} threads):
     * its manifest entries (one for a file, one per file inside for a folder).
     */
    private final Map<String, Future<List<RunManifest.FileEntry>>> writing = new ConcurrentHashMap<>();
    /** The names added as folders of files ({@link #addFolder}). */
    private final Set<String> folders = new java.util.HashSet<>();
    private Path staging;
    /**
     * Threads writing the files of a commit. Files are independent (a derived file waits only for the files
     * it reads), so the run's largest file (model.json, 12 MB on the real file) is serialized and written
     * while the others and the report are; the bytes of each file do not depend on it.
     */
    private static final int WRITERS = 2;

    /** A commit into {@code folder} (the {@code --out} folder, a link once committed), with a new run id. */
    public OutputFolder(Path folder) {
        this.target = folder.toAbsolutePath().normalize();
        if (target.getParent() == null || target.getFileName() == null) {
            throw new IllegalArgumentException("not an output folder: " + folder);
        }
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.runId = newRunId(createdAt);
    }

    /**
     * A new run id for a run created at {@code createdAt}: {@code 20261129T093012Z-3fa9c1}, UTC time and 6
     * random hex digits (also the id of a run published elsewhere than a folder).
     */
    public static String newRunId(Instant createdAt) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return ID_TIME.format(createdAt) + "-" + HexFormat.of().formatHex(random);
    }

    /** This commit's run id, {@code 20261129T093012Z-3fa9c1}: the new folder is {@code NAME.<run-id>}. */
    public String runId() {
        return runId;
    }

    /** The folder (link) written, absolute. */
    public Path target() {
        return target;
    }

    /** Adds a file to write, by name within the folder. */
    public OutputFolder add(String name, Content content) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                || name.equals(RunFolderLayout.MANIFEST)) {
            throw new IllegalArgumentException("not a file name of a run folder: \"" + name + "\"");
        }
        files.put(name, content);
        return this;
    }

    /**
     * Adds a folder of files (e.g. a Parquet table written by Spark): {@code content} creates the folder at
     * the path it is given; every regular file in it is listed in the manifest as {@code name/relative/path}.
     */
    public OutputFolder addFolder(String name, Content content) {
        add(name, content);
        folders.add(name);
        return this;
    }

    /** Adds a file whose content is already in memory. */
    public OutputFolder add(String name, byte[] bytes) {
        return add(name, file -> Files.write(file, bytes));
    }

    /**
     * Adds a file computed from the files added before it (e.g. a report built from a run's files), so
     * that it is written and appears together with them.
     */
    public OutputFolder add(String name, DerivedContent content) {
        Set<String> before = Set.copyOf(files.keySet());
        return add(name, file -> content.writeTo(file, other -> earlier(before, other)));
    }

    /**
     * A file added before a derived one, once written (waiting for it when it is being written on another
     * thread); a name not added before gives a path in the staging folder that does not exist.
     */
    private Path earlier(Set<String> before, String other) {
        if (!before.contains(other)) {
            // one added later may be being written at this moment: not seen, as before files were written in turn
            return files.containsKey(other) ? staging.resolve("." + other + ".added-later") : staging.resolve(other);
        }
        try {
            writing.get(other).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + other, e);
        } catch (ExecutionException e) {
            // that file's own failure is reported by the commit; this one cannot be written without it
            throw new IllegalStateException(other + " could not be written", e.getCause());
        }
        return staging.resolve(other);
    }

    /** What {@code PARENT/NAME} is before a commit. */
    private enum State { MISSING, LINK, EMPTY_FOLDER, OLD_RUN }

    /**
     * Checks that {@code folder} can be the target of a commit (missing, a run link, an empty folder or a
     * folder of an older version's run), so a command can refuse before hours of work.
     *
     * @throws InputException when it is a file, a link elsewhere, or a folder holding other files
     */
    public static void checkTarget(Path folder) {
        Path t = folder.toAbsolutePath().normalize();
        try {
            state(t);
        } catch (IOException e) {
            throw new OutputException("cannot read", t, e);
        }
    }

    private static State state(Path target) throws IOException {
        String name = target.getFileName().toString();
        if (Files.isSymbolicLink(target)) {
            String link = Files.readSymbolicLink(target).toString();
            if (!link.matches(Pattern.quote(name) + "\\." + RUN_ID)) {
                throw refused(target, "is a symbolic link to " + link + ", not to a retailseg run beside it");
            }
            return State.LINK;
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return State.MISSING;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(target, "is a file, not a folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            if (!entries.iterator().hasNext()) {
                return State.EMPTY_FOLDER;
            }
        }
        if (Files.exists(target.resolve(RunFolderLayout.SUMMARY), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(target.resolve(RunFolderLayout.MODEL), LinkOption.NOFOLLOW_LINKS)) {
            return State.OLD_RUN;
        }
        throw refused(target, "holds files that are not a retailseg run");
    }

    private static InputException refused(Path target, String what) {
        return new InputException(target.toString(), what + "; choose another --out (a new or empty folder,"
                + " or the --out of an earlier run)");
    }

    /** Writes every file into the staging folder, then the manifest, then swaps the link to the new run. */
    public void commit() {
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        try {
            state(target);
        } catch (IOException e) {
            throw new OutputException("cannot read", target, e);
        }
        Path firstCreated = firstMissingAncestor(parent);
        Path lockFile = parent.resolve("." + name + ".lock");
        Path stagingDir = parent.resolve("." + name + "." + runId + ".staging");
        Path finished = parent.resolve(name + "." + runId);
        Path link = parent.resolve("." + name + "." + runId + ".link");
        Path writerLockFile = stagingDir.resolve(WRITER_LOCK);
        Path doing = parent;
        FileChannel writerLock = null;
        boolean renamed = false;
        boolean swapped = false;
        try {
            try {
                Files.createDirectories(parent);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new OutputException("cannot create folder", parent, new IOException("Not a directory", e));
            }
            doing = stagingDir;
            try (FolderLock ignored = FolderLock.acquire(lockFile)) {
                // no symbolic link followed: fails when anything, a planted link too, has this name
                Files.createDirectory(stagingDir);
                staging = stagingDir;
                writerLock = FileChannel.open(writerLockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                HELD.add(writerLockFile);
                if (writerLock.tryLock() == null) {
                    throw new IOException("cannot lock " + writerLockFile);
                }
            }
            List<RunManifest.FileEntry> entries = new ArrayList<>();
            ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, Math.min(WRITERS, files.size())), r -> {
                Thread t = new Thread(r, "retailseg-write");
                t.setDaemon(true);
                return t;
            });
            try {
                // submitted in the order added, taken in that order by the threads: a derived file waits only
                // for files taken before it, so the wait always ends
                for (Map.Entry<String, Content> e : files.entrySet()) {
                    String fileName = e.getKey();
                    Content content = e.getValue();
                    writing.put(fileName, writers.submit(() -> {
                        Path file = stagingDir.resolve(fileName);
                        if (folders.contains(fileName)) {
                            return writeFolder(fileName, file, content);
                        }
                        Files.createFile(file); // CREATE_NEW: never through a link planted at this name
                        content.writeTo(file);
                        return List.of(syncAndDescribe(fileName, file));
                    }));
                }
                Throwable failure = null;
                for (String fileName : files.keySet()) {
                    try {
                        entries.addAll(writing.get(fileName).get());
                    } catch (ExecutionException e) {
                        if (failure == null) {
                            failure = e.getCause();
                            doing = target.resolve(fileName);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while writing the run's files", e);
                    }
                }
                if (failure instanceof IOException io) {
                    throw io;
                } else if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                } else if (failure instanceof Error error) {
                    throw error;
                } else if (failure != null) {
                    throw new IllegalStateException(failure);
                }
            } finally {
                writers.shutdownNow();
            }
            doing = target.resolve(RunFolderLayout.MANIFEST);
            RunManifest manifest = new RunManifest(RunManifest.FORMAT, RunManifest.FORMAT_VERSION, runId,
                    createdAt.toString(), entries);
            Files.write(stagingDir.resolve(RunFolderLayout.MANIFEST), RunJson.bytes(manifest),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            syncAndDescribe(RunFolderLayout.MANIFEST, stagingDir.resolve(RunFolderLayout.MANIFEST));
            syncDirectory(stagingDir);
            doing = target;
            try (FolderLock ignored = FolderLock.acquire(lockFile)) {
                State before = state(target); // again: another run may have committed meanwhile
                Files.move(stagingDir, finished, StandardCopyOption.ATOMIC_MOVE);
                renamed = true;
                String previous = before == State.LINK ? Files.readSymbolicLink(target).toString() : null;
                if (before == State.EMPTY_FOLDER) {
                    Files.delete(target);
                } else if (before == State.OLD_RUN) {
                    // a reader may see no folder between these two renames, never a mix
                    Files.move(target, parent.resolve(name + ".legacy-" + runId), StandardCopyOption.ATOMIC_MOVE);
                }
                Files.createSymbolicLink(link, Path.of(finished.getFileName().toString()));
                Files.move(link, target, StandardCopyOption.ATOMIC_MOVE); // rename(2) replaces the old link
                swapped = true;
                syncDirectory(parent);
                writerLock.close();
                HELD.remove(writerLockFile);
                Files.deleteIfExists(finished.resolve(WRITER_LOCK));
                clean(parent, name, finished.getFileName().toString(), previous);
            }
        } catch (IOException | RuntimeException e) {
            if (!swapped) {
                closeQuietly(writerLock);
                HELD.remove(writerLockFile);
                deleteTree(renamed ? finished : stagingDir);
                deleteQuietly(link);
                if (firstCreated != null) {
                    deleteQuietly(lockFile);
                    for (Path p = parent; p != null && p.startsWith(firstCreated); p = p.getParent()) {
                        deleteQuietly(p);
                    }
                }
            }
            if (e instanceof InputException || e instanceof OutputException || !(e instanceof IOException)) {
                throw (RuntimeException) e;
            }
            if (swapped) {
                return; // the run is in place; only tidying failed
            }
            throw OutputException.cannotWrite(doing, (IOException) e);
        } finally {
            closeQuietly(writerLock);
            HELD.remove(writerLockFile);
        }
    }

    /** Deletes dead writers' staging folders, leftover links and runs older than {@code current} and {@code previous}. */
    private static void clean(Path parent, String name, String current, String previous) {
        Pattern staged = Pattern.compile("\\." + Pattern.quote(name) + "\\.(" + RUN_ID + ")\\.(staging|link)");
        Pattern run = Pattern.compile(Pattern.quote(name) + "\\.(" + RUN_ID + ")");
        List<Path> doomed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path p : entries) {
                String f = p.getFileName().toString();
                Matcher m = staged.matcher(f);
                if (m.matches()) {
                    if (m.group(2).equals("link") || writerDied(p)) {
                        doomed.add(p);
                    }
                } else if (run.matcher(f).matches() && !f.equals(current) && !f.equals(previous)
                        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    doomed.add(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // tidying is best effort: the new run is in place
        }
        doomed.forEach(OutputFolder::deleteTree);
    }

    /** Whether the process that wrote into {@code stagingDir} is gone (its lock can be taken). */
    private static boolean writerDied(Path stagingDir) {
        if (!Files.isDirectory(stagingDir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path lock = stagingDir.resolve(WRITER_LOCK);
        if (HELD.contains(lock)) {
            return false;
        }
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            return true; // folder and lock are created under the folder lock: a writer died between the two
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            return true;
        } catch (OverlappingFileLockException | IOException e) {
            return false;
        }
    }

    /** The folder lock: one holder at a time, across threads of this JVM and across processes. */
    private static final class FolderLock implements AutoCloseable {
        private final ReentrantLock jvm;
        private final FileChannel channel;

        private FolderLock(ReentrantLock jvm, FileChannel channel) {
            this.jvm = jvm;
            this.channel = channel;
        }

        static FolderLock acquire(Path file) throws IOException {
            ReentrantLock jvm = FOLDER_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
            jvm.lock();
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                while (true) {
                    try {
                        channel.lock();
                        return new FolderLock(jvm, channel);
                    } catch (OverlappingFileLockException e) {
                        // the same file reached by another spelling of its path in this JVM: wait for it
                        Thread.sleep(5);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(channel);
                jvm.unlock();
                throw new IOException("interrupted while waiting for " + file, e);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                jvm.unlock();
                throw e;
            }
        }

        @Override
        public void close() {
            closeQuietly(channel); // closing releases the lock
            jvm.unlock();
        }
    }

    /** Forces {@code file} to disk and returns its manifest entry. */
    /**
     * Writes a folder of files ({@link #addFolder}) and describes every file inside it, by name below the run
     * folder ({@code customers.parquet/part-00000.parquet}), in name order.
     */
    private static List<RunManifest.FileEntry> writeFolder(String name, Path folder, Content content) throws IOException {
        content.writeTo(folder);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("expected a folder at " + folder);
        }
        List<Path> inside;
        try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
            inside = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        List<RunManifest.FileEntry> entries = new ArrayList<>();
        for (Path p : inside) {
            entries.add(syncAndDescribe(name + "/" + folder.relativize(p).toString()
                    .replace(java.io.File.separatorChar, '/'), p));
        }
        syncDirectory(folder);
        return entries;
    }

    private static RunManifest.FileEntry syncAndDescribe(String name, Path file) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long size = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (int n; (n = ch.read(buffer)) > 0; ) {
                size += n;
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
            ch.force(true);
        }
        return new RunManifest.FileEntry(name, size, RunManifest.hex(crc));
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not every file system lets a folder be synced; the files themselves are
        }
    }

    /** The outermost folder of {@code folder}'s path that does not exist yet, or null when it exists. */
    static Path firstMissingAncestor(Path folder) {
        Path missing = null;
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Deletes a folder and everything in it, following no link. */
    static void deleteTree(Path root) {
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(root);
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // best effort: the original error (or the new run) is what matters
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the original error is what the user needs to see
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
