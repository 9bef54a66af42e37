package io.retailseg.evaluate;

import io.retailseg.domain.Transactions;
import java.time.LocalDateTime;

/**
 * A hand-made shop: products A..E are stock codes 10001..10005. Before the split:
 * customer 1 buys A x5, B x2 and cancels one C; customer 2 buys A x1, C x3; customer 3 buys B x4,
 * D x1; customer 4 buys E x2. After it: customer 1 buys B and D, customer 2 buys E, customer 3 only
 * cancels, customer 5 (new) buys A.
 */
public final class HandBaskets {
    public static final String A = "10001";
    public static final String B = "10002";
    public static final String C = "10003";
    public static final String D = "10004";
    public static final String E = "10005";

    private HandBaskets() {
    }

    /** Before and after share one builder so their stock code dictionaries agree, as after a real split. */
    public static Transactions[] beforeAndAfter() {
        Transactions.Builder b = new Transactions.Builder();
        LocalDateTime t0 = LocalDateTime.of(2011, 3, 1, 10, 0);
        LocalDateTime t1 = LocalDateTime.of(2011, 10, 1, 10, 0);
        add(b, 1, "1001", A, 5, t0);
        add(b, 1, "1001", B, 2, t0);
        add(b, 1, "C1002", C, -1, t0);
        add(b, 2, "1003", A, 1, t0);
        add(b, 2, "1003", C, 3, t0);
        add(b, 3, "1004", B, 4, t0);
        add(b, 3, "1004", D, 1, t0);
        add(b, 4, "1005", E, 2, t0);
        add(b, 1, "2001", B, 1, t1);
        add(b, 1, "2001", D, 2, t1);
        add(b, 2, "2002", E, 1, t1);
        add(b, 3, "C2003", B, -1, t1);
        add(b, 5, "2004", A, 1, t1);
        Transactions all = b.build();
        return new Transactions[] {all.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7}),
            all.select(new int[] {8, 9, 10, 11, 12})};
    }

    public static int code(Transactions t, String stockCode) {
        return t.stockCodes().codeOf(stockCode);
    }

    private static void add(Transactions.Builder b, long customer, String invoice, String code, int quantity,
                            LocalDateTime t) {
        b.add(invoice, code, "PRODUCT " + code, quantity, t, 1.0, customer, "United Kingdom");
    }
}
