package io.retailseg.runfolder;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.retailseg.InputException;
import io.retailseg.clv.CustomerValueModel;
import io.retailseg.clv.CustomerValues;
import io.retailseg.domain.Feature;
import io.retailseg.publish.CsvNumbers;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV files of a run folder ({@code customers.csv}, {@code top_products.csv},
 * {@code recommendations.csv}), written and read here only, with the column names of
 * {@link RunFolderLayout}. Reading is strict: a missing column or a malformed value is a one-line
 * {@link InputException} naming the file, the line and the column.
 */
public final class RunCsv {
    private RunCsv() {
    }

    /** The rows of {@code customers.csv}, as the writer sees them (so a large run is not copied). */
    public interface CustomerRows {
        int size();

        /** Principal components per segmented customer. */
        int components();

        long id(int i);

        double feature(int i, Feature f);

        boolean outlier(int i);

        /** The segment, -1 for an outlier. */
        int segment(int i);

        /** PCA score {@code c} of customer {@code i}, NaN (an empty field) for an outlier. */
        double pc(int i, int c);

        /** Customer {@code i}'s customer-value predictions (NaN, an empty field, where there is none). */
        CustomerValueModel.Prediction value(int i);
    }

    /**
     * {@code customers.csv} as columns.
     *
     * @param ids CustomerID per customer
     * @param features the 15 features per customer, in {@link Feature} order
     * @param outlier whether each customer is an outlier
     * @param segment segment per customer, -1 for outliers
     * @param pcs PCA scores per customer ({@code PC1..PCk}), {@code null} for outliers
     * @param values the customer-value columns (NaN where empty)
     */
    public record Customers(long[] ids, double[][] features, boolean[] outlier, int[] segment, double[][] pcs,
                            CustomerValues values) implements CustomerRows {
        @Override
        public int size() {
            return ids.length;
        }

        @Override
        public int components() {
            for (double[] p : pcs) {
                if (p != null) {
                    return p.length;
                }
            }
            return 0;
        }

        @Override
        public long id(int i) {
            return ids[i];
        }

        @Override
        public double feature(int i, Feature f) {
            return features[i][f.ordinal()];
        }

        @Override
        public boolean outlier(int i) {
            return outlier[i];
        }

        @Override
        public int segment(int i) {
            return segment[i];
        }

        @Override
        public double pc(int i, int c) {
            return pcs[i] == null ? Double.NaN : pcs[i][c];
        }

        @Override
        public CustomerValueModel.Prediction value(int i) {
            return values.at(i);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Customers c && java.util.Arrays.equals(ids, c.ids)
                    && java.util.Arrays.equals(values.probabilityAlive(), c.values.probabilityAlive())
                    && java.util.Arrays.equals(values.expectedValue(), c.values.expectedValue())
                    && java.util.Arrays.deepEquals(features, c.features) && java.util.Arrays.equals(outlier, c.outlier)
                    && java.util.Arrays.equals(segment, c.segment) && java.util.Arrays.deepEquals(pcs, c.pcs);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "Customers[" + ids.length + " rows]";
        }
    }

    private static CsvWriter csv(Path file) throws IOException {
        return CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8);
    }

    /** Writes {@code customers.csv}. */
    public static void writeCustomers(CustomerRows rows, Path file) throws IOException {
        int components = rows.components();
        List<String> header = RunFolderLayout.customersHeader(components);
        try (CsvWriter w = csv(file)) {
            w.writeRecord(header);
            String[] fields = new String[header.size()];
            for (int i = 0; i < rows.size(); i++) {
                int j = 0;
                fields[j++] = Long.toString(rows.id(i));
                for (Feature f : Feature.values()) {
                    fields[j++] = CsvNumbers.format(rows.feature(i, f));
                }
                int segment = rows.segment(i);
                fields[j++] = rows.outlier(i) ? "1" : "0";
                fields[j++] = segment < 0 ? "" : Integer.toString(segment);
                for (int c = 0; c < components; c++) {
                    fields[j++] = CsvNumbers.format(rows.pc(i, c));
                }
                for (double v : rows.value(i).values()) {
                    fields[j++] = CsvNumbers.format(v);
                }
                w.writeRecord(fields);
            }
        }
    }

    /** Writes {@code top_products.csv}. */
    public static void writeTopProducts(List<TopProduct> products, Path file) throws IOException {
        try (CsvWriter w = csv(file)) {
            w.writeRecord(RunFolderLayout.topProductsHeader());
            for (TopProduct p : products) {
                w.writeRecord(Integer.toString(p.segment()), Integer.toString(p.rank()), p.stockCode(),
                        p.description(), Long.toString(p.quantity()));
            }
        }
    }

    /** Writes {@code recommendations.csv}. */
    public static void writeRecommendations(List<Recommendation> recommendations, Path file) throws IOException {
        try (CsvWriter w = csv(file)) {
            w.writeRecord(RunFolderLayout.recommendationsHeader());
            for (Recommendation rec : recommendations) {
                w.writeRecord(Long.toString(rec.customerId()), Integer.toString(rec.segment()),
                        Integer.toString(rec.rank()), rec.stockCode(), rec.description(), score(rec.score()),
                        rec.reason());
            }
        }
    }

    /**
     * Reads {@code customers.csv}: one row per customer; an outlier has {@code Is_Outlier} 1 and an
     * empty Segment and PCs, a segmented customer a Segment and every PC.
     *
     * @param name the file's name in errors
     */
    public static Customers readCustomers(Path file, String name) {
        List<Long> ids = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        List<Boolean> outlier = new ArrayList<>();
        List<Integer> segment = new ArrayList<>();
        List<double[]> pcs = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        read(file, name, (header, line, r) -> {
            Columns c = header;
            ids.add(c.whole(line, r, RunFolderLayout.CUSTOMER_ID));
            double[] f = new double[Feature.COUNT];
            for (Feature feature : Feature.values()) {
                f[feature.ordinal()] = c.number(line, r, feature.columnName());
            }
            features.add(f);
            long flag = c.whole(line, r, RunFolderLayout.IS_OUTLIER);
            if (flag != 0 && flag != 1) {
                throw new InputException(name, line, RunFolderLayout.IS_OUTLIER, "expected 0 or 1, found " + flag);
            }
            outlier.add(flag == 1);
            String s = c.text(line, r, RunFolderLayout.SEGMENT);
            if (s.isEmpty()) {
                segment.add(-1);
                pcs.add(null);
            } else {
                segment.add((int) c.whole(line, r, RunFolderLayout.SEGMENT));
                double[] p = new double[c.components];
                for (int k = 0; k < p.length; k++) {
                    p[k] = c.number(line, r, RunFolderLayout.PC_PREFIX + (k + 1));
                }
                pcs.add(p);
            }
            double[] v = new double[RunFolderLayout.VALUE_COLUMNS.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = c.optionalNumber(line, r, RunFolderLayout.VALUE_COLUMNS.get(k));
            }
            values.add(v);
        });
        int n = ids.size();
        CustomerValues value = CustomerValues.none(n);
        for (int i = 0; i < n; i++) {
            double[] v = values.get(i);
            value.probabilityAlive()[i] = v[0];
            value.expectedPurchases()[i] = v[1];
            value.expectedOrderValue()[i] = v[2];
            value.expectedValue()[i] = v[3];
        }
        long[] idArray = new long[n];
        boolean[] outlierArray = new boolean[n];
        int[] segmentArray = new int[n];
        for (int i = 0; i < n; i++) {
            idArray[i] = ids.get(i);
            outlierArray[i] = outlier.get(i);
            segmentArray[i] = segment.get(i);
        }
        return new Customers(idArray, features.toArray(new double[0][]), outlierArray, segmentArray,
                pcs.toArray(new double[0][]), value);
    }

    /**
     * Reads the CustomerID and Segment columns of {@code customers.csv} as the run's segmentation (an
     * empty Segment is an outlier); ids must ascend and segments lie in {@code 0..k-1}, else a one-line
     * error names the line and the field.
     *
     * @param k the run's number of segments (its model's)
     */
    public static io.retailseg.domain.Segmentation readSegmentation(Path file, String name, int k) {
        List<Long> ids = new ArrayList<>();
        List<Integer> segments = new ArrayList<>();
        read(file, name, (c, line, r) -> {
            long id = c.whole(line, r, RunFolderLayout.CUSTOMER_ID);
            if (id < 0 || !ids.isEmpty() && id <= ids.get(ids.size() - 1)) {
                throw new InputException(name, line, RunFolderLayout.CUSTOMER_ID, "expected ids >= 0 in ascending"
                        + " order, found " + id + (ids.isEmpty() ? "" : " after " + ids.get(ids.size() - 1)));
            }
            String s = c.text(line, r, RunFolderLayout.SEGMENT).trim();
            int segment = s.isEmpty() ? -1 : (int) c.whole(line, r, RunFolderLayout.SEGMENT);
            if (segment >= k || segment < -1) {
                throw new InputException(name, line, RunFolderLayout.SEGMENT, "expected a segment 0.." + (k - 1)
                        + " of the run's model (empty for an outlier), found " + s);
            }
            ids.add(id);
            segments.add(segment);
        });
        return io.retailseg.domain.Segmentation.of(ids.stream().mapToLong(Long::longValue).toArray(),
                segments.stream().mapToInt(Integer::intValue).toArray(), k);
    }

    /** Reads {@code top_products.csv}. */
    public static List<TopProduct> readTopProducts(Path file, String name) {
        List<TopProduct> out = new ArrayList<>();
        read(file, name, (c, line, r) -> out.add(new TopProduct((int) c.whole(line, r, RunFolderLayout.SEGMENT),
                (int) c.whole(line, r, RunFolderLayout.RANK), c.text(line, r, RunFolderLayout.STOCK_CODE),
                c.text(line, r, RunFolderLayout.DESCRIPTION), c.whole(line, r, RunFolderLayout.QUANTITY))));
        return out;
    }

    /** A recommendation's score as written: the shortest text that reads back to the same double. */
    public static String score(double score) {
        return Double.toString(score);
    }

    /** Reads {@code recommendations.csv}. */
    public static List<Recommendation> readRecommendations(Path file, String name) {
        List<Recommendation> out = new ArrayList<>();
        read(file, name, (c, line, r) -> out.add(new Recommendation(c.whole(line, r, RunFolderLayout.CUSTOMER_ID),
                (int) c.whole(line, r, RunFolderLayout.SEGMENT), (int) c.whole(line, r, RunFolderLayout.RANK),
                c.text(line, r, RunFolderLayout.STOCK_CODE), c.text(line, r, RunFolderLayout.DESCRIPTION),
                c.number(line, r, RunFolderLayout.SCORE), c.text(line, r, RunFolderLayout.REASON))));
        return out;
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(Columns columns, long line, CsvRecord record);
    }

    /** The header of a file: column positions by name. */
    private static final class Columns {
        private final String file;
        private final List<String> names;
        private final int components;

        Columns(String file, List<String> names) {
            this.file = file;
            this.names = List.copyOf(names);
            int k = 0;
            while (names.contains(RunFolderLayout.PC_PREFIX + (k + 1))) {
                k++;
            }
            this.components = k;
        }

        String text(long line, CsvRecord r, String column) {
            int i = names.indexOf(column);
            if (i < 0) {
                throw new InputException(file, line, column, "expected the column " + column + ", found none");
            }
            if (i >= r.getFieldCount()) {
                throw new InputException(file, line, column, "expected " + names.size() + " fields, found "
                        + r.getFieldCount());
            }
            return r.getField(i);
        }

        long whole(long line, CsvRecord r, String column) {
            String text = text(line, r, column);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InputException(file, line, column, "expected a whole number, found \"" + text + "\"");
            }
        }

        /** A number, NaN when the field is empty or the file has no such column (written before it existed). */
        double optionalNumber(long line, CsvRecord r, String column) {
            if (!names.contains(column) || text(line, r, column).isEmpty()) {
                return Double.NaN;
            }
            return number(line, r, column);
        }

        double number(long line, CsvRecord r, String column) {
            String text = text(line, r, column);
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InputException(file, line, column, "expected a number, found \"" + text + "\"");
            }
        }
    }

    private static void read(Path file, String name, RowHandler handler) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            Columns columns = null;
            for (CsvRecord r : reader) {
                if (columns == null) {
                    columns = new Columns(name, r.getFields());
                    continue;
                }
                handler.accept(columns, r.getStartingLineNumber(), r);
            }
            if (columns == null) {
                throw new InputException(name, "expected a header line, found an empty file");
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, "file not found: expected the output of 'retailseg run'");
        } catch (CsvParseException e) {
            throw new InputException(name, "not a CSV file: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
