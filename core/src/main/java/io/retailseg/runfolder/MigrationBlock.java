package io.retailseg.runfolder;

import java.util.List;

/**
 * How customers moved between the segments of two fits: the {@code migration} block of
 * {@code evaluation.json} and of {@code migration.json}.
 *
 * @param rows what the matrix's rows are
 * @param columns what its columns are
 * @param matrix {@code matrix[i][j]}: customers in segment i first and j second
 */
public record MigrationBlock(String rows, String columns, String definition, List<List<Long>> matrix, long stayed,
                             long sameSegment, Left left, Arrived arrived) {
    public static final String DEFINITION = "matrix[i][j]: customers segmented in both, in segment i first and j"
            + " second; left: segmented first, absent or an outlier second; arrived: segmented second, absent or an"
            + " outlier first";

    public MigrationBlock {
        matrix = matrix.stream().map(List::copyOf).toList();
    }

    public record Left(long count, long asOutliers, List<Long> customerIds) {
        public Left {
            customerIds = List.copyOf(customerIds);
        }
    }

    public record Arrived(long count, long fromOutliers, List<Long> customerIds) {
        public Arrived {
            customerIds = List.copyOf(customerIds);
        }
    }
}
