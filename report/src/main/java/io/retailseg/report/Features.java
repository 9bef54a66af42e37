package io.retailseg.report;

import io.retailseg.domain.Feature;

/** Readable names and units of the 15 features. */
final class Features {
    private Features() {
    }

    /** {@code Days since last purchase}. */
    static String label(Feature f) {
        String s = f.columnName().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return s.equals("is uk") ? "Is UK" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Lower-case dashed name for element ids. */
    static String slug(Feature f) {
        return f.columnName().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static String unit(Feature f) {
        return switch (f) {
            case DAYS_SINCE_LAST_PURCHASE, AVERAGE_DAYS_BETWEEN_PURCHASES -> "days";
            case TOTAL_TRANSACTIONS -> "invoices";
            case TOTAL_PRODUCTS_PURCHASED -> "units";
            case TOTAL_SPEND -> "GBP";
            case AVERAGE_TRANSACTION_VALUE -> "GBP per invoice";
            case UNIQUE_PRODUCTS_PURCHASED -> "distinct products";
            case DAY_OF_WEEK -> "weekday, 0 = Monday";
            case HOUR -> "hour of day";
            case IS_UK -> "1 = mostly UK";
            case CANCELLATION_FREQUENCY -> "cancelled invoices";
            case CANCELLATION_RATE -> "share of invoices";
            case MONTHLY_SPENDING_MEAN, MONTHLY_SPENDING_STD -> "GBP per month";
            case SPENDING_TREND -> "GBP per month, per month";
        };
    }

    /** {@code Days since last purchase (days)}. */
    static String withUnit(Feature f) {
        return label(f) + " (" + unit(f) + ")";
    }
}
