package io.retailseg.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;

/**
 * One generation run: writes invoices one at a time into a reused {@link StringBuilder}, then to
 * the writer. Memory is bounded by the catalogue, the customer population and the largest invoice;
 * nothing grows with the number of lines.
 *
 * <p>Invoice-level model (real file in brackets): 14% of invoices have no customer (3,710 of
 * 25,900) and carry ~25% of the lines, being mostly either a single stock adjustment or a large web
 * order; customer invoices are log-normal in size per archetype; cancellations are separate
 * {@code C} invoices of 1-3 lines of recent purchases (3,836 invoices, 9,288 lines); 1% of lines
 * repeat an earlier line of their invoice (5,268).
 */
final class RetailStream {

    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    /** First invoice number of the real file. */
    static final long FIRST_INVOICE = 536_365;

    /** Share of invoices without a customer (real 14.3%). */
    private static final double NO_CUSTOMER_INVOICE_SHARE = 0.143;
    /** Of those, the small ones (1-3 lines, median invoice without customer has 1 line). */
    private static final double NO_CUSTOMER_SMALL_SHARE = 0.55;
    /** Of the small ones, single-line stock adjustments: empty Description, price 0 (real 1,454 lines). */
    private static final double ADJUSTMENT_SHARE = 0.75;
    /** Large web orders without customer: log-normal lines (mean ~36 overall without customer). */
    private static final double WEB_ORDER_MEDIAN_LINES = 48;
    private static final double WEB_ORDER_SIGMA = 1.0;
    /** Web orders closed by a DOTCOM POSTAGE line (real 710 lines). */
    private static final double DOTCOM_POSTAGE_SHARE = 0.5;
    /** Countries of invoices without customer: UK 98.9% in the real file, then EIRE, Hong Kong... */
    private static final String[] NO_CUSTOMER_FOREIGN = {"EIRE", "Hong Kong", "Unspecified", "Switzerland", "France"};
    private static final double NO_CUSTOMER_FOREIGN_SHARE = 0.02;
    /** Zero UnitPrice with a Description: 1,061 lines, nearly all without customer. */
    private static final double ZERO_PRICE_NO_CUSTOMER = 0.008;
    private static final double ZERO_PRICE_CUSTOMER = 0.0001;

    /** Largest invoices (real: 1,114 lines without customer, 542 with). */
    private static final int MAX_WEB_ORDER_LINES = 1_100;
    private static final int MAX_CUSTOMER_INVOICE_LINES = 600;
    /** Lines that exactly repeat an earlier line of the same invoice (real 0.97%). */
    private static final double DUPLICATE_RATE = 0.0098;
    /** Very large orders per customer line (real quantities reach 80,995). */
    private static final double HUGE_ORDER_RATE = 0.0002;

    /** Invoices of a customer with a second country that use it. */
    private static final double SECOND_COUNTRY_INVOICE_SHARE = 0.3;
    /** Draws before giving up on matching a customer to the invoice's day and hour. */
    private static final int CUSTOMER_TRIES = 16;
    /** Off-peak (Sunday, before 8:00, from 17:00) acceptance of other archetypes; on-peak of evening shoppers. */
    private static final double OFF_PEAK_ACCEPT_OTHERS = 0.25;
    private static final double ON_PEAK_ACCEPT_EVENING = 0.08;
    private static final int PEAK_FROM_MINUTE = 8 * 60;
    private static final int PEAK_TO_MINUTE = 17 * 60;

    /** Service lines per customer invoice. */
    private static final double POSTAGE_FOREIGN = 0.5;
    private static final double POSTAGE_UK = 0.006;
    private static final double CARRIAGE_FOREIGN = 0.12;
    private static final double CARRIAGE_UK = 0.002;
    private static final double MANUAL_RATE = 0.017;
    private static final double BANK_CHARGES_RATE = 0.0006;
    private static final double PADS_RATE = 0.0002;
    private static final double NEXT_DAY_CARRIAGE_RATE = 0.0043;
    private static final double HIGH_RESOLUTION_IMAGE_RATE = 0.0003;
    private static final int NEXT_DAY_CARRIAGE_PRICE = 15_000;
    private static final int HIGH_RESOLUTION_IMAGE_PRICE = 3_000;

    /**
     * Share of customer invoices that are cancellations (real 3,836 of 22,190). Decided per invoice,
     * not per customer, so that the share does not depend on how much history customers have yet.
     */
    private static final double CANCELLATION_INVOICE_SHARE = 0.18;
    /** Draws to find a customer with purchases to cancel, before writing a normal invoice instead. */
    private static final int CANCELLING_CUSTOMER_TRIES = 64;
    /** Cancellation invoices: extra lines beyond the first (real mean 2.4 lines), share that cancel a charge. */
    private static final double CANCELLATION_EXTRA_LINES = 1.4;
    private static final double SERVICE_CANCELLATION_SHARE = 0.1;
    private static final ServiceLine[] CANCELLED_SERVICES = {
        ServiceLine.DISCOUNT, ServiceLine.CRUK_COMMISSION, ServiceLine.MANUAL, ServiceLine.BANK_CHARGES
    };
    private static final double[] CANCELLED_SERVICE_CUM = Distributions.cumulative(new double[] {77, 16, 245, 25});
    /** Cancellations that return the whole quantity (else part of it). */
    private static final double FULL_RETURN_SHARE = 0.65;

    private static final byte SERVICE = 1;
    private static final byte ZERO_PRICE = 2;

    private final SplittableRandom rng;
    private final ShopCalendar calendar;
    private final ProductCatalog catalog;
    private final CustomerPopulation customers;
    private final long rows;
    private final Writer out;

    private final StringBuilder sb = new StringBuilder(1 << 17);
    private char[] chunk = new char[1 << 17];
    private final int[] lineStart = new int[2 * (MAX_WEB_ORDER_LINES + 16) + 1];
    private final byte[] lineFlags = new byte[lineStart.length];
    /** productStamp[p] == stamp when product p is already on the current invoice. */
    private final int[] productStamp;
    private int stamp;

    private long invoiceNo = FIRST_INVOICE - 1;
    private boolean cancelled;
    private int customer;
    private String country;
    private String datePrefix;
    private int minute;
    private int invoiceLines;

    private long written;
    private long invoices;
    private long customersSeen;
    private long noCustomerLines;
    private long duplicateLines;
    private long cancelledLines;
    private long serviceLines;
    private long zeroPriceLines;
    private long bytes;

    RetailStream(long rows, long seed, Writer out) {
        this(rows, seed, ProductCatalog.SIZE, CustomerPopulation.populationFor(rows), out);
    }

    RetailStream(long rows, long seed, int products, int population, Writer out) {
        SplittableRandom root = new SplittableRandom(seed);
        this.calendar = new ShopCalendar(root.split());
        this.catalog = new ProductCatalog(products, root.split());
        this.productStamp = new int[catalog.size()];
        this.customers = new CustomerPopulation(population, catalog, root.split());
        this.rng = root.split();
        this.rows = rows;
        this.out = out;
    }

    GenerationStats run() throws IOException {
        out.write(HEADER);
        bytes = HEADER.length();
        while (written < rows) {
            double progress = (double) written / rows;
            int day = calendar.tradingDay(progress);
            beginInvoice(day, calendar.minuteOfDay(day, progress));
            if (rng.nextDouble() < NO_CUSTOMER_INVOICE_SHARE) {
                noCustomerInvoice();
            } else {
                int c = rng.nextDouble() < CANCELLATION_INVOICE_SHARE ? pickCancellingCustomer(day) : -1;
                if (c >= 0) {
                    cancellationInvoice(c);
                } else {
                    customerInvoice(pickCustomer(day));
                }
            }
            flushInvoice();
        }
        return new GenerationStats(written, invoices, customersSeen, noCustomerLines, duplicateLines,
                cancelledLines, serviceLines, zeroPriceLines, bytes);
    }

    private void beginInvoice(int day, int minuteOfDay) {
        invoiceNo++;
        stamp++;
        cancelled = false;
        customer = -1;
        datePrefix = calendar.datePrefix(day);
        minute = minuteOfDay;
        invoiceLines = 0;
        sb.setLength(0);
    }

    private void flushInvoice() throws IOException {
        if (invoiceLines > 0) {
            invoices++;
        }
        int len = sb.length();
        if (chunk.length < len) {
            chunk = new char[Math.max(len, 2 * chunk.length)];
        }
        sb.getChars(0, len, chunk, 0);
        out.write(chunk, 0, len);
        bytes += len;
    }

    private int pickCustomer(int day) {
        int calendarDay = calendar.calendarDay(day);
        boolean offPeak = calendar.isSunday(day) || minute < PEAK_FROM_MINUTE || minute >= PEAK_TO_MINUTE;
        int c = customers.draw(rng);
        for (int t = 0; t < CUSTOMER_TRIES; t++) {
            if (customers.activeOn(c, calendarDay)) {
                boolean evening = customers.archetype(c) == Archetype.EVENING_WEEKEND;
                double accept = offPeak ? (evening ? 1 : OFF_PEAK_ACCEPT_OTHERS) : (evening ? ON_PEAK_ACCEPT_EVENING : 1);
                if (rng.nextDouble() < accept) {
                    return c;
                }
            }
            c = customers.draw(rng);
        }
        return c;
    }

    /** A customer active now, with purchases to return, chosen in proportion to their propensity; -1 if none found. */
    private int pickCancellingCustomer(int day) {
        for (int t = 0; t < CANCELLING_CUSTOMER_TRIES; t++) {
            int c = pickCustomer(day);
            if (customers.recentCount(c) > 0
                    && rng.nextDouble() * CustomerPopulation.MAX_CANCELLATION_PROPENSITY < customers.cancellationPropensity(c)) {
                return c;
            }
        }
        return -1;
    }

    private void customerInvoice(int c) {
        Archetype k = customers.archetype(c);
        customer = c;
        boolean second = customers.hasSecondCountry(c) && rng.nextDouble() < SECOND_COUNTRY_INVOICE_SHARE;
        country = customers.country(c, second);
        boolean foreign = customers.isForeign(c);
        int n = (int) Math.round(Distributions.logNormal(rng, k.basketMedian, k.basketSigma));
        n = Math.max(1, Math.min(MAX_CUSTOMER_INVOICE_LINES, n));
        if (rng.nextDouble() < (foreign ? POSTAGE_FOREIGN : POSTAGE_UK)) {
            service(ServiceLine.POSTAGE, 1 + rng.nextInt(3));
        } else if (rng.nextDouble() < (foreign ? CARRIAGE_FOREIGN : CARRIAGE_UK)) {
            service(ServiceLine.CARRIAGE, 1);
        }
        for (int i = 0; i < n && written < rows; i++) {
            int p = rng.nextDouble() < k.favouriteShare ? customers.favourite(c, rng) : catalog.draw(k.ordinal(), rng);
            p = unusedOnInvoice(p, k.ordinal());
            int q = rng.nextDouble() < HUGE_ORDER_RATE ? QuantityProfile.drawHuge(rng) : k.quantities.draw(rng);
            int price = rng.nextDouble() < ZERO_PRICE_CUSTOMER ? 0
                    : q >= ProductCatalog.BULK_QUANTITY ? catalog.bulkPrice(p) : catalog.basePrice(p);
            line(catalog.code(p), catalog.description(p), q, price, (byte) 0);
            if (price > 0) {
                customers.rememberPurchase(c, p, q, price);
            }
            maybeDuplicate();
        }
        if (rng.nextDouble() < MANUAL_RATE) {
            service(ServiceLine.MANUAL, 1);
        }
        if (rng.nextDouble() < BANK_CHARGES_RATE) {
            service(ServiceLine.BANK_CHARGES, 1);
        }
        if (rng.nextDouble() < PADS_RATE) {
            service(ServiceLine.PADS, 1);
        }
        if (rng.nextDouble() < NEXT_DAY_CARRIAGE_RATE && written < rows) {
            line(Integer.toString(ProductCatalog.NEXT_DAY_CARRIAGE_CODE), "Next Day Carriage", 1, NEXT_DAY_CARRIAGE_PRICE, (byte) 0);
        }
        if (rng.nextDouble() < HIGH_RESOLUTION_IMAGE_RATE && written < rows) {
            line(Integer.toString(ProductCatalog.HIGH_RESOLUTION_IMAGE_CODE), "High Resolution Image", 1,
                    HIGH_RESOLUTION_IMAGE_PRICE, (byte) 0);
        }
    }

    private void cancellationInvoice(int c) {
        cancelled = true;
        customer = c;
        country = customers.country(c, false);
        if (rng.nextDouble() < SERVICE_CANCELLATION_SHARE) {
            service(CANCELLED_SERVICES[Distributions.pick(CANCELLED_SERVICE_CUM, rng)], -1);
            return;
        }
        int count = customers.recentCount(c);
        int n = Math.min(count, 1 + Distributions.geometric(rng, CANCELLATION_EXTRA_LINES));
        int start = rng.nextInt(count);
        for (int k = 0; k < count && n > 0 && written < rows; k++) {
            int slot = (start + k) % count;
            int p = customers.recentProduct(c, slot);
            if (productStamp[p] == stamp) {
                continue;
            }
            productStamp[p] = stamp;
            int bought = customers.recentQuantity(c, slot);
            int q = rng.nextDouble() < FULL_RETURN_SHARE ? bought : 1 + rng.nextInt(bought);
            line(catalog.code(p), catalog.description(p), -q, customers.recentPrice(c, slot), (byte) 0);
            maybeDuplicate();
            n--;
        }
    }

    private void noCustomerInvoice() {
        customer = -1;
        country = rng.nextDouble() < NO_CUSTOMER_FOREIGN_SHARE
                ? NO_CUSTOMER_FOREIGN[rng.nextInt(NO_CUSTOMER_FOREIGN.length)] : CustomerPopulation.UK;
        int gift = Archetype.UK_GIFT_BUYER.ordinal();
        if (rng.nextDouble() < NO_CUSTOMER_SMALL_SHARE) {
            if (rng.nextDouble() < ADJUSTMENT_SHARE) {
                int p = unusedOnInvoice(catalog.draw(gift, rng), gift);
                int q = QuantityProfile.MEDIUM.draw(rng);
                line(catalog.code(p), "", rng.nextBoolean() ? q : -q, 0, (byte) 0);
                return;
            }
            int n = 1 + rng.nextInt(3);
            for (int i = 0; i < n && written < rows; i++) {
                retailLine(gift);
            }
            if (rng.nextDouble() < BANK_CHARGES_RATE * 10) {
                service(ServiceLine.BANK_CHARGES, 1);
            }
            return;
        }
        int n = (int) Math.round(Distributions.logNormal(rng, WEB_ORDER_MEDIAN_LINES, WEB_ORDER_SIGMA));
        n = Math.max(1, Math.min(MAX_WEB_ORDER_LINES, n));
        for (int i = 0; i < n && written < rows; i++) {
            retailLine(gift);
        }
        if (rng.nextDouble() < DOTCOM_POSTAGE_SHARE) {
            service(ServiceLine.DOTCOM_POSTAGE, 1);
        }
    }

    private void retailLine(int archetype) {
        int p = unusedOnInvoice(catalog.draw(archetype, rng), archetype);
        int q = QuantityProfile.SMALL.draw(rng);
        int price = rng.nextDouble() < ZERO_PRICE_NO_CUSTOMER ? 0 : catalog.retailPrice(p);
        line(catalog.code(p), catalog.description(p), q, price, (byte) 0);
        maybeDuplicate();
    }

    /** {@code p} if not yet on this invoice, else another product; marks the result as used. */
    private int unusedOnInvoice(int p, int archetype) {
        for (int t = 0; t < 4 && productStamp[p] == stamp; t++) {
            p = catalog.draw(archetype, rng);
        }
        while (productStamp[p] == stamp) {
            p = (p + 1) % catalog.size();
        }
        productStamp[p] = stamp;
        return p;
    }

    private void service(ServiceLine kind, int quantity) {
        if (written < rows) {
            line(kind.stockCode, kind.description, quantity, kind.drawPrice(rng), SERVICE);
        }
    }

    private void line(String stockCode, String description, int quantity, int priceMils, byte kind) {
        int start = sb.length();
        if (cancelled) {
            sb.append('C');
        }
        sb.append(invoiceNo).append(',').append(stockCode).append(',').append(description).append(',')
                .append(quantity).append(',').append(datePrefix);
        LineFormat.appendTime(sb, minute);
        sb.append(',');
        LineFormat.appendPrice(sb, priceMils);
        sb.append(',');
        if (customer >= 0) {
            sb.append(customers.id(customer));
            if (customers.markSeen(customer)) {
                customersSeen++;
            }
        }
        sb.append(',').append(country).append('\n');
        byte flags = (byte) (kind | (priceMils == 0 ? ZERO_PRICE : 0));
        lineStart[invoiceLines] = start;
        lineFlags[invoiceLines] = flags;
        invoiceLines++;
        lineStart[invoiceLines] = sb.length();
        count(flags);
    }

    /** With {@link #DUPLICATE_RATE}, repeats an earlier line of this invoice byte for byte. */
    private void maybeDuplicate() {
        if (written >= rows || invoiceLines == 0 || rng.nextDouble() >= DUPLICATE_RATE) {
            return;
        }
        int j = rng.nextInt(invoiceLines);
        int from = lineStart[j];
        int to = lineStart[j + 1];
        sb.append(sb, from, to);
        byte flags = lineFlags[j];
        lineFlags[invoiceLines] = flags;
        invoiceLines++;
        lineStart[invoiceLines] = sb.length();
        duplicateLines++;
        count(flags);
    }

    private void count(byte flags) {
        written++;
        if (customer < 0) {
            noCustomerLines++;
        }
        if (cancelled) {
            cancelledLines++;
        }
        if ((flags & SERVICE) != 0) {
            serviceLines++;
        }
        if ((flags & ZERO_PRICE) != 0) {
            zeroPriceLines++;
        }
    }
}
