package io.retailseg.domain;

/**
 * The 15 customer features of SPEC section 2, in output order. The enum order is the column order
 * of every feature matrix, of {@code customers.csv} and of the model file.
 */
public enum Feature {
    DAYS_SINCE_LAST_PURCHASE("Days_Since_Last_Purchase"),
    TOTAL_TRANSACTIONS("Total_Transactions"),
    TOTAL_PRODUCTS_PURCHASED("Total_Products_Purchased"),
    TOTAL_SPEND("Total_Spend"),
    AVERAGE_TRANSACTION_VALUE("Average_Transaction_Value"),
    UNIQUE_PRODUCTS_PURCHASED("Unique_Products_Purchased"),
    AVERAGE_DAYS_BETWEEN_PURCHASES("Average_Days_Between_Purchases"),
    DAY_OF_WEEK("Day_Of_Week"),
    HOUR("Hour"),
    IS_UK("Is_UK"),
    CANCELLATION_FREQUENCY("Cancellation_Frequency"),
    CANCELLATION_RATE("Cancellation_Rate"),
    MONTHLY_SPENDING_MEAN("Monthly_Spending_Mean"),
    MONTHLY_SPENDING_STD("Monthly_Spending_Std"),
    SPENDING_TREND("Spending_Trend");

    /** Number of features. */
    public static final int COUNT = values().length;

    private final String columnName;

    Feature(String columnName) {
        this.columnName = columnName;
    }

    /** The column name used in CSV and JSON outputs, e.g. {@code Total_Spend}. */
    public String columnName() {
        return columnName;
    }

    /** The column names of every feature, in order. */
    public static java.util.List<String> columnNames() {
        return java.util.Arrays.stream(values()).map(Feature::columnName).toList();
    }

    /** One value per feature as an ordered map from column name to value, for JSON outputs. */
    public static java.util.Map<String, Object> byColumnName(double[] values) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (Feature f : values()) {
            m.put(f.columnName, values[f.ordinal()]);
        }
        return m;
    }

    /**
     * Whether the reference analysis standardizes this feature before PCA. Is_UK and Day_Of_Week
     * enter PCA unscaled (SPEC section 4).
     */
    public boolean standardized() {
        return this != IS_UK && this != DAY_OF_WEEK;
    }
}
