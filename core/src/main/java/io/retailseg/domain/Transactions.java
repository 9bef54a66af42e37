package io.retailseg.domain;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Transaction lines held column by column in primitive arrays, strings dictionary-encoded.
 *
 * <p>Times are local date-times of the source (no time zone) stored as seconds since
 * 1970-01-01T00:00 read as UTC. A missing CustomerID is {@link #MISSING_CUSTOMER}; a missing
 * Description is the code {@link #MISSING_DESCRIPTION}.
 *
 * <p>Instances are immutable once built: the arrays are owned by the instance and never exposed for
 * writing. Build with {@link Builder}, derive subsets with {@link #select(int[])}.
 */
public final class Transactions {
    /** CustomerID value of a line without customer. */
    public static final long MISSING_CUSTOMER = Long.MIN_VALUE;
    /** Description code of a line without description. */
    public static final int MISSING_DESCRIPTION = -1;

    private final int size;
    private final int[] invoice;
    private final int[] stockCode;
    private final int[] description;
    private final int[] quantity;
    private final long[] epochSecond;
    private final double[] unitPrice;
    private final long[] customerId;
    private final int[] country;
    private final StringDictionary invoices;
    private final StringDictionary stockCodes;
    private final StringDictionary descriptions;
    private final StringDictionary countries;

    Transactions(int size, int[] invoice, int[] stockCode, int[] description, int[] quantity,
                 long[] epochSecond, double[] unitPrice, long[] customerId, int[] country,
                 StringDictionary invoices, StringDictionary stockCodes, StringDictionary descriptions,
                 StringDictionary countries) {
        this.size = size;
        this.invoice = invoice;
        this.stockCode = stockCode;
        this.description = description;
        this.quantity = quantity;
        this.epochSecond = epochSecond;
        this.unitPrice = unitPrice;
        this.customerId = customerId;
        this.country = country;
        this.invoices = invoices;
        this.stockCodes = stockCodes;
        this.descriptions = descriptions;
        this.countries = countries;
    }

    public int size() { return size; }

    public int invoice(int row) { return invoice[row]; }

    public int stockCode(int row) { return stockCode[row]; }

    public int description(int row) { return description[row]; }

    public int quantity(int row) { return quantity[row]; }

    public long epochSecond(int row) { return epochSecond[row]; }

    public double unitPrice(int row) { return unitPrice[row]; }

    public long customerId(int row) { return customerId[row]; }

    public int country(int row) { return country[row]; }

    public StringDictionary invoices() { return invoices; }

    public StringDictionary stockCodes() { return stockCodes; }

    public StringDictionary descriptions() { return descriptions; }

    public StringDictionary countries() { return countries; }

    public String invoiceText(int row) { return invoices.decode(invoice[row]); }

    public String stockCodeText(int row) { return stockCodes.decode(stockCode[row]); }

    /** The description, or {@code null} when the line has none. */
    public String descriptionText(int row) {
        int code = description[row];
        return code == MISSING_DESCRIPTION ? null : descriptions.decode(code);
    }

    public String countryText(int row) { return countries.decode(country[row]); }

    public LocalDateTime invoiceDate(int row) {
        return LocalDateTime.ofEpochSecond(epochSecond[row], 0, ZoneOffset.UTC);
    }

    /** Epoch day (days since 1970-01-01) of the line's calendar date. */
    public long epochDay(int row) {
        return Math.floorDiv(epochSecond[row], 86_400L);
    }

    /**
     * The lines at {@code rows} (in that order), sharing this instance's dictionaries, with
     * descriptions re-coded through {@code descriptionRecode} when not null (code to new code in
     * {@code newDescriptions}).
     */
    public Transactions select(int[] rows, int[] descriptionRecode, StringDictionary newDescriptions) {
        int n = rows.length;
        int[] inv = new int[n];
        int[] sc = new int[n];
        int[] de = new int[n];
        int[] q = new int[n];
        long[] t = new long[n];
        double[] p = new double[n];
        long[] c = new long[n];
        int[] co = new int[n];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            inv[i] = invoice[r];
            sc[i] = stockCode[r];
            int d = description[r];
            de[i] = descriptionRecode == null || d == MISSING_DESCRIPTION ? d : descriptionRecode[d];
            q[i] = quantity[r];
            t[i] = epochSecond[r];
            p[i] = unitPrice[r];
            c[i] = customerId[r];
            co[i] = country[r];
        }
        return new Transactions(n, inv, sc, de, q, t, p, c, co, invoices, stockCodes,
                descriptionRecode == null ? descriptions : newDescriptions, countries);
    }

    /** The lines at {@code rows}, in that order, sharing this instance's dictionaries. */
    public Transactions select(int[] rows) {
        return select(rows, null, null);
    }

    /** Builds {@link Transactions} line by line, growing its arrays as needed. */
    public static final class Builder {
        private int size;
        private int[] invoice;
        private int[] stockCode;
        private int[] description;
        private int[] quantity;
        private long[] epochSecond;
        private double[] unitPrice;
        private long[] customerId;
        private int[] country;
        private final StringDictionary invoices = new StringDictionary();
        private final StringDictionary stockCodes = new StringDictionary();
        private final StringDictionary descriptions = new StringDictionary();
        private final StringDictionary countries = new StringDictionary();

        public Builder() {
            this(1024);
        }

        public Builder(int initialCapacity) {
            allocate(Math.max(16, initialCapacity));
        }

        private void allocate(int capacity) {
            invoice = grow(invoice, capacity);
            stockCode = grow(stockCode, capacity);
            description = grow(description, capacity);
            quantity = grow(quantity, capacity);
            epochSecond = epochSecond == null ? new long[capacity] : java.util.Arrays.copyOf(epochSecond, capacity);
            unitPrice = unitPrice == null ? new double[capacity] : java.util.Arrays.copyOf(unitPrice, capacity);
            customerId = customerId == null ? new long[capacity] : java.util.Arrays.copyOf(customerId, capacity);
            country = grow(country, capacity);
        }

        private static int[] grow(int[] a, int capacity) {
            return a == null ? new int[capacity] : java.util.Arrays.copyOf(a, capacity);
        }

        /**
         * Appends one line.
         *
         * @param description the description, or {@code null} when missing
         * @param customerId the customer, or {@link #MISSING_CUSTOMER}
         */
        public Builder add(String invoiceNo, String stockCode, String description, int quantity,
                           LocalDateTime invoiceDate, double unitPrice, long customerId, String country) {
            return add(invoiceNo, stockCode, description, quantity, invoiceDate.toEpochSecond(ZoneOffset.UTC),
                    unitPrice, customerId, country);
        }

        /** Appends one line with its time as epoch seconds (local time read as UTC). */
        public Builder add(String invoiceNo, String stockCode, String description, int quantity,
                           long epochSecond, double unitPrice, long customerId, String country) {
            if (size == invoice.length) {
                long next = Math.min((long) Integer.MAX_VALUE - 8, (long) size * 3 / 2 + 16);
                if (next <= size) {
                    throw new IllegalStateException("more than " + size + " lines do not fit in one table");
                }
                allocate((int) next);
            }
            int i = size++;
            this.invoice[i] = invoices.encode(invoiceNo);
            this.stockCode[i] = stockCodes.encode(stockCode);
            this.description[i] = description == null ? MISSING_DESCRIPTION : descriptions.encode(description);
            this.quantity[i] = quantity;
            this.epochSecond[i] = epochSecond;
            this.unitPrice[i] = unitPrice;
            this.customerId[i] = customerId;
            this.country[i] = countries.encode(country);
            return this;
        }

        public int size() {
            return size;
        }

        /** The lines added so far; the builder must not be used afterwards. */
        public Transactions build() {
            return new Transactions(size,
                    java.util.Arrays.copyOf(invoice, size), java.util.Arrays.copyOf(stockCode, size),
                    java.util.Arrays.copyOf(description, size), java.util.Arrays.copyOf(quantity, size),
                    java.util.Arrays.copyOf(epochSecond, size), java.util.Arrays.copyOf(unitPrice, size),
                    java.util.Arrays.copyOf(customerId, size), java.util.Arrays.copyOf(country, size),
                    invoices, stockCodes, descriptions, countries);
        }
    }
}
