package io.retailseg.runfolder;

import io.retailseg.domain.Feature;
import java.util.ArrayList;
import java.util.List;

/** The names of a run folder's files and of their CSV columns: the one place they are spelled. */
public final class RunFolderLayout {
    public static final String SUMMARY = "summary.json";
    public static final String CUSTOMERS = "customers.csv";
    public static final String TOP_PRODUCTS = "top_products.csv";
    public static final String RECOMMENDATIONS = "recommendations.csv";
    public static final String MODEL = "model.json";
    public static final String DATA_PROFILE = "data_profile.json";
    public static final String EVALUATION = "evaluation.json";
    public static final String MIGRATION = "migration.json";
    /**
     * The run's tables as Parquet ({@code run --parquet}; the Spark engine's output): the CSVs' columns
     * under the same names, ids, codes and text as strings, Segment and Rank as int32 (Segment null for
     * an outlier), Is_Outlier as boolean, every other number as a double.
     */
    public static final String CUSTOMERS_PARQUET = "customers.parquet";
    public static final String TOP_PRODUCTS_PARQUET = "top_products.parquet";
    public static final String RECOMMENDATIONS_PARQUET = "recommendations.parquet";
    /** The run's manifest: its id and every other file's size and CRC-32C. */
    public static final String MANIFEST = "run.json";

    /** Columns of {@code customers.csv} (PC1..PCk follow the features and flags). */
    public static final String CUSTOMER_ID = "CustomerID";
    public static final String IS_OUTLIER = "Is_Outlier";
    public static final String SEGMENT = "Segment";
    public static final String PC_PREFIX = "PC";
    /** Columns of {@code top_products.csv} and {@code recommendations.csv}. */
    public static final String RANK = "Rank";
    public static final String STOCK_CODE = "StockCode";
    public static final String DESCRIPTION = "Description";
    public static final String QUANTITY = "Quantity";
    public static final String SCORE = "Score";
    /** The customer-value columns at the end of {@code customers.csv} (empty where the models say nothing). */
    public static final String P_ALIVE = "P_Alive";
    public static final String EXPECTED_PURCHASES = "Expected_Purchases";
    public static final String EXPECTED_ORDER_VALUE = "Expected_Order_Value";
    public static final String EXPECTED_VALUE = "Expected_Value";
    public static final List<String> VALUE_COLUMNS = List.of(P_ALIVE, EXPECTED_PURCHASES, EXPECTED_ORDER_VALUE,
            EXPECTED_VALUE);
    public static final String REASON = "Reason";

    private RunFolderLayout() {
    }

    /** The header of {@code customers.csv} for a model of {@code components} principal components. */
    public static List<String> customersHeader(int components) {
        List<String> header = new ArrayList<>();
        header.add(CUSTOMER_ID);
        for (Feature f : Feature.values()) {
            header.add(f.columnName());
        }
        header.add(IS_OUTLIER);
        header.add(SEGMENT);
        for (int c = 1; c <= components; c++) {
            header.add(PC_PREFIX + c);
        }
        header.addAll(VALUE_COLUMNS);
        return header;
    }

    /** The header of {@code top_products.csv}. */
    public static List<String> topProductsHeader() {
        return List.of(SEGMENT, RANK, STOCK_CODE, DESCRIPTION, QUANTITY);
    }

    /** The header of {@code recommendations.csv}. */
    public static List<String> recommendationsHeader() {
        return List.of(CUSTOMER_ID, SEGMENT, RANK, STOCK_CODE, DESCRIPTION, SCORE, REASON);
    }
}
