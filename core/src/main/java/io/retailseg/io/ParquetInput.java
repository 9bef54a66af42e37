package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * A reader of Parquet transaction lines, found with {@link ServiceLoader}: the {@code parquet} module
 * provides it, so {@code core} stays free of parquet-java and the library a user embeds stays small.
 * {@link TransactionReader} hands it a file whose first bytes are Parquet's {@code PAR1}, or a folder
 * of part files as Spark writes them.
 */
public interface ParquetInput {
    /** Parquet's magic bytes, at the start and the end of every Parquet file. */
    byte[] MAGIC = {'P', 'A', 'R', '1'};

    /**
     * Reads the Parquet file or folder {@code path} into lines by the same rules as a CSV file.
     *
     * @throws InputException naming the file, and the row and column or the column and its type
     */
    Transactions read(Path path, IngestOptions options, ReadProgress progress);

    /**
     * The part files of a folder written by Spark or Hive: its regular files named {@code *.parquet},
     * except hidden and bookkeeping ones ({@code _SUCCESS}, {@code .crc}, names starting with {@code _} or
     * {@code .}), in name order; empty when there is none. Subfolders (partition folders) are not read.
     */
    static List<Path> partFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith("_") && !name.startsWith(".")
                                && name.toLowerCase(Locale.ROOT).endsWith(".parquet");
                    })
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            throw new InputException(folder.toString(), "cannot list the folder: " + io.retailseg.OutputException.reason(e));
        }
    }

    /** The reader on the class path, or a one-line error saying it is missing. */
    static ParquetInput load(String source) {
        return ServiceLoader.load(ParquetInput.class).findFirst().orElseThrow(() -> new InputException(source,
                "a Parquet input, but this build has no Parquet reader (the retailseg-parquet module is not on the"
                        + " class path)"));
    }
}
