package io.retailseg.io;

/** Told every {@link #EVERY_LINES} lines while a file is read. */
public interface ReadProgress {
    /** Lines between two calls. */
    int EVERY_LINES = 1 << 16;

    /** Does nothing. */
    ReadProgress NONE = (lines, bytes, totalBytes) -> { };

    /**
     * @param lines lines read so far
     * @param bytes bytes of the file consumed so far (compressed bytes for a gzip file)
     * @param totalBytes size of the file
     */
    void read(long lines, long bytes, long totalBytes);
}
