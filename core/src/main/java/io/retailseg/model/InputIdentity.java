package io.retailseg.model;

/**
 * Which lines a model was fitted on: enough to tell whether two models came from the same input.
 *
 * @param source the file path (or the name of lines given in memory)
 * @param bytes the file's size in bytes (0 for lines given in memory)
 * @param linesRead lines read from the source
 * @param checksum {@code crc32c:} and the CRC-32C of the file's bytes in hex, or {@code none} for lines
 *     given in memory
 * @param firstDay the first day of the cleaned lines (ISO date), empty when none is left
 * @param lastDay the last day of the cleaned lines, from which recency is counted
 */
public record InputIdentity(String source, long bytes, long linesRead, String checksum, String firstDay,
                            String lastDay) {
}
