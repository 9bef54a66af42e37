package io.retailseg.clean;

import io.retailseg.domain.StringDictionary;
import io.retailseg.domain.Transactions;
import io.retailseg.domain.WorkProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cleans transaction lines exactly as SPEC section 1, in this order: missing values, exact
 * duplicates, anomalous stock codes, service lines (then descriptions upper-cased), non-positive
 * prices. Cancellations are marked, counted and kept.
 */
public final class Cleaner {
    /** Step names, in order, as they appear in {@code summary.json}. */
    public static final String MISSING_VALUES = "missing_values";
    public static final String DUPLICATES = "duplicates";
    public static final String ANOMALOUS_STOCK_CODES = "anomalous_stock_codes";
    public static final String SERVICE_LINES = "service_lines";
    public static final String NON_POSITIVE_PRICE = "non_positive_price";

    /** Descriptions of service lines removed by step 5 (compared before upper-casing, exactly). */
    private static final int STEPS = 5;
    static final List<String> SERVICE_DESCRIPTIONS = List.of("Next Day Carriage", "High Resolution Image");

    private Cleaner() {
    }

    /** The result of cleaning: the kept lines and the report. */
    public record Result(Transactions lines, CleaningReport report) {
    }

    /** True when an invoice number marks a cancellation (starts with {@code C}). */
    public static boolean isCancellation(String invoiceNo) {
        return !invoiceNo.isEmpty() && invoiceNo.charAt(0) == 'C';
    }

    public static Result clean(Transactions raw) {
        return clean(raw, 1, WorkProgress.NONE);
    }

    /**
     * As {@link #clean(Transactions)}, on up to {@code threads} threads (the duplicates' step; the result does
     * not depend on them), telling {@code progress} after each step (steps done, of 5).
     */
    public static Result clean(Transactions raw, int threads, WorkProgress progress) {
        List<CleaningStep> steps = new ArrayList<>() {
            @Override
            public boolean add(CleaningStep step) {
                boolean added = super.add(step);
                progress.done(size(), STEPS);
                return added;
            }
        };
        int n = raw.size();

        int[] rows = new int[n];
        int kept = 0;
        for (int r = 0; r < n; r++) {
            if (raw.customerId(r) != Transactions.MISSING_CUSTOMER
                    && raw.description(r) != Transactions.MISSING_DESCRIPTION) {
                rows[kept++] = r;
            }
        }
        // lines the reader counted instead of storing (Transactions.incomplete()) are this step's too
        long incomplete = raw.incomplete().lines();
        steps.add(new CleaningStep(MISSING_VALUES, n - kept + incomplete, "lines without CustomerID or Description"));

        int before = kept;
        kept = DuplicateFilter.keepFirst(raw, rows, kept, threads);
        steps.add(new CleaningStep(DUPLICATES, before - kept, "lines repeating an earlier line in all 8 columns"));

        // one pass for the cancelled lines' count and the stock codes present, then one for the three steps that
        // test a line alone, each line counted by the first of them it fails (at 100 M generated lines each pass
        // over the 73 M lines was about a second on one core)
        boolean[] cancelledInvoice = cancelledInvoices(raw.invoices());
        boolean[] present = new boolean[raw.stockCodes().size()];
        long cancelled = 0;
        for (int i = 0; i < kept; i++) {
            int r = rows[i];
            if (cancelledInvoice[raw.invoice(r)]) {
                cancelled++;
            }
            present[raw.stockCode(r)] = true;
        }
        boolean[] anomalous = new boolean[present.length];
        List<String> anomalousCodes = new ArrayList<>();
        for (int code = 0; code < present.length; code++) {
            if (present[code] && digitCount(raw.stockCodes().decode(code)) <= 1) {
                anomalous[code] = true;
                anomalousCodes.add(raw.stockCodes().decode(code));
            }
        }
        anomalousCodes.sort(null);
        boolean[] service = new boolean[raw.descriptions().size()];
        for (String s : SERVICE_DESCRIPTIONS) {
            int code = raw.descriptions().codeOf(s);
            if (code >= 0) {
                service[code] = true;
            }
        }
        int anomalousLines = 0;
        int serviceLines = 0;
        int freeLines = 0;
        int retained = 0;
        for (int i = 0; i < kept; i++) {
            int r = rows[i];
            if (anomalous[raw.stockCode(r)]) {
                anomalousLines++;
            } else if (service[raw.description(r)]) {
                serviceLines++;
            } else if (!(raw.unitPrice(r) > 0)) {
                freeLines++;
            } else {
                rows[retained++] = r;
            }
        }
        kept = retained;
        steps.add(new CleaningStep(ANOMALOUS_STOCK_CODES, anomalousLines,
                "lines whose StockCode has 0 or 1 digits (service codes such as POST, M, BANK CHARGES)"));
        steps.add(new CleaningStep(SERVICE_LINES, serviceLines,
                "service lines described as " + String.join(" or ", SERVICE_DESCRIPTIONS)));
        steps.add(new CleaningStep(NON_POSITIVE_PRICE, freeLines, "lines with UnitPrice <= 0"));

        StringDictionary upper = new StringDictionary();
        int[] recode = new int[raw.descriptions().size()];
        for (int code = 0; code < recode.length; code++) {
            recode[code] = upper.encode(raw.descriptions().decode(code).toUpperCase(Locale.ROOT));
        }
        Transactions clean = raw.select(rows, kept, recode, upper);
        CleaningReport report = new CleaningReport(raw.linesRead(), steps, kept, cancelled, anomalousCodes,
                raw.badLines());
        return new Result(clean, report);
    }

    /** For every invoice code, whether the invoice is a cancellation. */
    public static boolean[] cancelledInvoices(StringDictionary invoices) {
        boolean[] cancelled = new boolean[invoices.size()];
        for (int code = 0; code < cancelled.length; code++) {
            cancelled[code] = isCancellation(invoices.decode(code));
        }
        return cancelled;
    }

    static int digitCount(String s) {
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }
}
