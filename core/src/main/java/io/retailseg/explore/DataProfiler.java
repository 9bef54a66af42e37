package io.retailseg.explore;

import io.retailseg.Interleaved;
import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Column;
import io.retailseg.domain.IncompleteLines;
import io.retailseg.domain.PrimitiveDictionaries;
import io.retailseg.domain.StringDictionary;
import io.retailseg.domain.Transactions;
import io.retailseg.recommend.SegmentBestSellers;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Profiles the lines read and the cleaned lines: the facts behind the report's data-quality and
 * exploration charts that the other stages do not compute.
 *
 * <p>Missing values are counted as pandas would see them after reading: a Description, CustomerID,
 * InvoiceNo, StockCode or Country is missing when its field is empty (blank for CustomerID, InvoiceNo,
 * StockCode and Country, as the reader trims them); Quantity, InvoiceDate and UnitPrice are never
 * missing in {@link Transactions}, because the reader stops on an empty one with an error naming the
 * line, so their count is 0 by construction.
 */
public final class DataProfiler {
    /** How many of the most frequent stock codes are kept: the reference notebook's top 10. */
    public static final int TOP_STOCK_CODES = 10;

    private DataProfiler() {
    }

    /** What the profile says of the lines read: how many, and the missing values of each column. */
    public record Read(long lines, List<DataProfile.ColumnMissing> missing) {
    }

    /** Profiles {@code raw} (the lines read) and {@code clean} (the lines cleaning kept). */
    public static DataProfile profile(Transactions raw, Transactions clean) {
        return profile(read(raw), clean);
    }

    /** The lines read's part of the profile, taken before they go (see {@link Transactions#compactReleasing()}). */
    public static Read read(Transactions raw) {
        return new Read(raw.linesRead(), missing(raw));
    }

    /** Profiles the lines read, as {@link #read(Transactions)} saw them, and {@code clean}. */
    public static DataProfile profile(Read raw, Transactions clean) {
        return profile(raw, clean, 1);
    }

    /**
     * As {@link #profile(Read, Transactions)}, its four parts (the days and months, the cancellations, the
     * countries, the stock codes) taken on up to {@code threads} threads. Each part is one pass over the lines
     * in their order on one thread, so the profile does not depend on the threads. At 100 M generated lines
     * the stage took 2.6 s on one core while the other was idle.
     */
    public static DataProfile profile(Read raw, Transactions clean, int threads) {
        Object[] part = new Object[4];
        // index i goes to thread i mod threads: on two, the months (the heaviest) and the cancellations on one,
        // the countries and the stock codes on the other
        Interleaved.forEach(part.length, threads, () -> null, (none, p) -> part[p] = switch (p) {
            case 0 -> Calendar.of(clean);
            case 1 -> countries(clean);
            case 2 -> cancellations(clean);
            default -> stockCodes(clean);
        });
        Calendar calendar = (Calendar) part[0];
        @SuppressWarnings("unchecked")
        List<DataProfile.CountryCount> countries = (List<DataProfile.CountryCount>) part[1];
        @SuppressWarnings("unchecked")
        List<DataProfile.StockCodeCount> stockCodes = (List<DataProfile.StockCodeCount>) part[3];
        return new DataProfile(raw.lines(), raw.missing(), clean.size(), calendar.firstDay(), calendar.lastDay(),
                (DataProfile.Cancellations) part[2], countries, stockCodes, calendar.months());
    }

    /** The first and last day of the lines ("" when there are none) and their months. */
    private record Calendar(String firstDay, String lastDay, List<DataProfile.MonthRevenue> months) {
        static Calendar of(Transactions lines) {
            if (lines.size() == 0) {
                return new Calendar("", "", List.of());
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int r = 0; r < lines.size(); r++) {
                long day = lines.epochDay(r);
                min = Math.min(min, day);
                max = Math.max(max, day);
            }
            return new Calendar(LocalDate.ofEpochDay(min).toString(), LocalDate.ofEpochDay(max).toString(),
                    DataProfiler.months(lines, min, max));
        }
    }

    private static List<DataProfile.ColumnMissing> missing(Transactions raw) {
        boolean[] blankInvoice = blank(raw.invoices());
        boolean[] blankStockCode = blank(raw.stockCodes());
        boolean[] blankCountry = blank(raw.countries());
        // the lines the reader counted instead of storing, then the lines stored
        IncompleteLines incomplete = raw.incomplete();
        long invoice = incomplete.blankInvoices();
        long stockCode = incomplete.blankStockCodes();
        long description = incomplete.missingDescriptions();
        long customer = incomplete.missingCustomers();
        long country = incomplete.blankCountries();
        for (int r = 0; r < raw.size(); r++) {
            invoice += blankInvoice[raw.invoice(r)] ? 1 : 0;
            stockCode += blankStockCode[raw.stockCode(r)] ? 1 : 0;
            description += raw.description(r) == Transactions.MISSING_DESCRIPTION ? 1 : 0;
            customer += raw.customerId(r) == Transactions.MISSING_CUSTOMER ? 1 : 0;
            country += blankCountry[raw.country(r)] ? 1 : 0;
        }
        List<DataProfile.ColumnMissing> out = new ArrayList<>();
        for (Column c : Column.values()) {
            long count = switch (c) {
                case INVOICE_NO -> invoice;
                case STOCK_CODE -> stockCode;
                case DESCRIPTION -> description;
                case CUSTOMER_ID -> customer;
                case COUNTRY -> country;
                case QUANTITY, INVOICE_DATE, UNIT_PRICE -> 0;
            };
            out.add(new DataProfile.ColumnMissing(c.canonicalName(), count));
        }
        return out;
    }

    private static boolean[] blank(StringDictionary dict) {
        boolean[] blank = new boolean[dict.size()];
        for (int code = 0; code < blank.length; code++) {
            blank[code] = dict.decode(code).isBlank();
        }
        return blank;
    }

    private static DataProfile.Cancellations cancellations(Transactions lines) {
        boolean[] cancelledInvoice = Cleaner.cancelledInvoices(lines.invoices());
        boolean[] seen = new boolean[cancelledInvoice.length];
        long cancelledLines = 0;
        long invoices = 0;
        long cancelledInvoices = 0;
        double sales = 0;
        double cancelled = 0;
        for (int r = 0; r < lines.size(); r++) {
            int invoice = lines.invoice(r);
            double value = lines.quantity(r) * lines.unitPrice(r);
            if (cancelledInvoice[invoice]) {
                cancelledLines++;
                cancelled -= value;
            } else {
                sales += value;
            }
            if (!seen[invoice]) {
                seen[invoice] = true;
                invoices++;
                cancelledInvoices += cancelledInvoice[invoice] ? 1 : 0;
            }
        }
        return new DataProfile.Cancellations(lines.size(), cancelledLines, invoices, cancelledInvoices, sales,
                cancelled);
    }

    private static List<DataProfile.CountryCount> countries(Transactions lines) {
        int countries = lines.countries().size();
        long[] count = new long[countries];
        long[] customers = new long[countries];
        PairSet pairs = new PairSet(countries, lines.customerCodeCount());
        for (int r = 0; r < lines.size(); r++) {
            int country = lines.country(r);
            count[country]++;
            if (pairs.add(country, lines.customerCode(r))) {
                customers[country]++;
            }
        }
        List<DataProfile.CountryCount> out = new ArrayList<>();
        for (int c = 0; c < countries; c++) {
            if (count[c] > 0) {
                out.add(new DataProfile.CountryCount(lines.countries().decode(c), count[c], customers[c]));
            }
        }
        out.sort(Comparator.comparingLong((DataProfile.CountryCount c) -> -c.lines())
                .thenComparing(DataProfile.CountryCount::country));
        return out;
    }

    /**
     * Distinct pairs of codes (a in 0 .. as - 1, b in 0 .. bs - 1, or b = -1): a bit per possible pair when
     * there are at most 2^30 of them (128 MB), else a primitive set of the pairs seen. At 100 M generated
     * lines the set's random probes were 3,013 JFR samples (1 ms each) of the explore stage's 8.7 s; the
     * bits for (month, invoice) pairs take 5.4 M invoices x 13 months / 8 = 9 MB.
     */
    static final class PairSet {
        private static final long MAX_BITS = 1L << 30;
        private final int bs;
        private final long[] bits;
        private final PrimitiveDictionaries.Longs set;

        PairSet(int as, int bs) {
            this(as, bs, MAX_BITS);
        }

        /** @param maxBits the most bits to use before falling back to the set */
        PairSet(int as, int bs, long maxBits) {
            this.bs = bs + 1; // b = -1 (a missing customer) has a place of its own
            long pairs = (long) as * this.bs;
            bits = pairs <= maxBits ? new long[(int) ((pairs + 63) >>> 6)] : null;
            set = bits == null ? new PrimitiveDictionaries.Longs() : null;
        }

        /** Adds the pair (a, b); whether it was not there before. */
        boolean add(int a, int b) {
            if (bits == null) {
                int before = set.size();
                set.encode((long) a << 32 | (b & 0xFFFF_FFFFL));
                return set.size() > before;
            }
            long i = (long) a * bs + b + 1;
            int word = (int) (i >>> 6);
            long mask = 1L << i; // the shift takes the low 6 bits
            long old = bits[word];
            bits[word] = old | mask;
            return (old & mask) == 0;
        }
    }

    private static List<DataProfile.StockCodeCount> stockCodes(Transactions lines) {
        int codes = lines.stockCodes().size();
        long[] count = new long[codes];
        long[] quantity = new long[codes];
        for (int r = 0; r < lines.size(); r++) {
            count[lines.stockCode(r)]++;
            quantity[lines.stockCode(r)] += lines.quantity(r);
        }
        int[] rank = lines.stockCodes().sortRanks();
        Integer[] order = new Integer[codes];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> count[a] != count[b] ? Long.compare(count[b], count[a])
                : Integer.compare(rank[a], rank[b]));
        String[] description = SegmentBestSellers.descriptions(lines);
        List<DataProfile.StockCodeCount> out = new ArrayList<>();
        for (int i = 0; i < codes && out.size() < TOP_STOCK_CODES && count[order[i]] > 0; i++) {
            int code = order[i];
            out.add(new DataProfile.StockCodeCount(lines.stockCodes().decode(code), description[code], count[code],
                    quantity[code]));
        }
        return out;
    }

    /** @param minDay and {@code maxDay}: the first and last epoch day of the lines (at least one) */
    private static List<DataProfile.MonthRevenue> months(Transactions lines, long minDay, long maxDay) {
        YearMonth first = YearMonth.from(LocalDate.ofEpochDay(minDay));
        YearMonth last = YearMonth.from(LocalDate.ofEpochDay(maxDay));
        int monthCount = (int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        long firstDay = first.atDay(1).toEpochDay();
        int[] monthOfDay = new int[(int) (last.atEndOfMonth().toEpochDay() - firstDay) + 1];
        for (int m = 0; m < monthCount; m++) {
            YearMonth month = first.plusMonths(m);
            Arrays.fill(monthOfDay, (int) (month.atDay(1).toEpochDay() - firstDay),
                    (int) (month.atEndOfMonth().toEpochDay() - firstDay) + 1, m);
        }
        double[] revenue = new double[monthCount];
        long[] lineCount = new long[monthCount];
        long[] invoices = new long[monthCount];
        long[] customers = new long[monthCount];
        PairSet invoicePairs = new PairSet(monthCount, lines.invoices().size());
        PairSet customerPairs = new PairSet(monthCount, lines.customerCodeCount());
        for (int r = 0; r < lines.size(); r++) {
            int m = monthOfDay[(int) (lines.epochDay(r) - firstDay)];
            revenue[m] += lines.quantity(r) * lines.unitPrice(r);
            lineCount[m]++;
            if (invoicePairs.add(m, lines.invoice(r))) {
                invoices[m]++;
            }
            if (customerPairs.add(m, lines.customerCode(r))) {
                customers[m]++;
            }
        }
        List<DataProfile.MonthRevenue> out = new ArrayList<>();
        for (int m = 0; m < monthCount; m++) {
            if (lineCount[m] > 0) {
                out.add(new DataProfile.MonthRevenue(first.plusMonths(m).toString(), revenue[m], lineCount[m],
                        invoices[m], customers[m]));
            }
        }
        return out;
    }
}
