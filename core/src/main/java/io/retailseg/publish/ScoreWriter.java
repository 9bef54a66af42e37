package io.retailseg.publish;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.retailseg.domain.Feature;
import io.retailseg.recommend.Recommendation;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.score.ScoreResult;
import io.retailseg.score.ScoredCustomer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes scored customers as CSV, one row per customer: {@code CustomerID}, the 15 features,
 * {@code Outlier_Score}, {@code Is_Outlier} (0/1), {@code Segment} and {@code Segment_Name} (empty for
 * outliers), then {@code Rec1_StockCode, Rec1_Description, ...} up to the model's recommendations per
 * customer (empty when fewer), then the customer-value columns of {@code customers.csv} ({@code P_Alive,
 * Expected_Purchases, Expected_Order_Value, Expected_Value}, empty where the model says nothing). Numbers
 * are formatted as in {@code customers.csv}.
 */
public final class ScoreWriter {
    private ScoreWriter() {
    }

    /** Writes {@code result} to {@code file} atomically ({@link AtomicFile}: a temporary with a unique name in the same folder, then a rename). */
    public static void write(ScoreResult result, int recommendationsPerCustomer, Path file) {
        AtomicFile.write(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(result, recommendationsPerCustomer, w);
            }
        });
    }

    /** The header of the CSV. */
    public static List<String> header(int recommendationsPerCustomer) {
        List<String> header = new ArrayList<>();
        header.add(RunFolderLayout.CUSTOMER_ID);
        for (Feature f : Feature.values()) {
            header.add(f.columnName());
        }
        header.add("Outlier_Score");
        header.add(RunFolderLayout.IS_OUTLIER);
        header.add(RunFolderLayout.SEGMENT);
        header.add("Segment_Name");
        for (int r = 1; r <= recommendationsPerCustomer; r++) {
            header.add("Rec" + r + "_StockCode");
            header.add("Rec" + r + "_Description");
            header.add("Rec" + r + "_Score");
            header.add("Rec" + r + "_Reason");
        }
        header.addAll(RunFolderLayout.VALUE_COLUMNS);
        return header;
    }

    /** Writes the CSV to {@code out} (LF line ends); does not close it. */
    public static void write(ScoreResult result, int recommendationsPerCustomer, Writer out) throws IOException {
        CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        List<String> header = header(recommendationsPerCustomer);
        w.writeRecord(header);
        String[] fields = new String[header.size()];
        for (ScoredCustomer c : result.customers()) {
            int j = 0;
            fields[j++] = Long.toString(c.customerId());
            for (Feature f : Feature.values()) {
                fields[j++] = CsvNumbers.format(c.features()[f.ordinal()]);
            }
            fields[j++] = CsvNumbers.format(c.outlierScore());
            fields[j++] = c.outlier() ? "1" : "0";
            fields[j++] = c.outlier() ? "" : Integer.toString(c.segment());
            fields[j++] = c.outlier() ? "" : c.segmentName();
            for (int r = 0; r < recommendationsPerCustomer; r++) {
                Recommendation rec = r < c.recommendations().size() ? c.recommendations().get(r) : null;
                fields[j++] = rec == null ? "" : rec.stockCode();
                fields[j++] = rec == null ? "" : rec.description();
                fields[j++] = rec == null ? "" : RunCsv.score(rec.score());
                fields[j++] = rec == null ? "" : rec.reason();
            }
            for (double v : c.value().values()) {
                fields[j++] = CsvNumbers.format(v);
            }
            w.writeRecord(fields);
        }
        w.flush();
    }
}
