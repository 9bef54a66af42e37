package io.retailseg.clean;

import io.retailseg.domain.Transactions;

/**
 * Drops lines equal in all 8 columns to an earlier line, keeping the first (pandas'
 * {@code drop_duplicates()}). An open-addressing hash table of row indices: memory proportional to
 * the lines kept, no per-line objects.
 */
final class DuplicateFilter {
    private DuplicateFilter() {
    }

    /**
     * Compacts {@code rows[0..count)} in place to the first occurrence of each distinct line.
     *
     * @return the new count
     */
    static int keepFirst(Transactions t, int[] rows, int count) {
        // a power of two at least count / 0.75: the table stays at most three-quarters full
        long wanted = Math.max(4L, (long) count * 4 / 3 + 1);
        int capacity = (int) Math.min(1L << 30, Long.highestOneBit(wanted - 1) << 1);
        int mask = capacity - 1;
        // each slot: row + 1 in its low bits (0: free) and, in the bits a row does not need, the top bits of
        // the line's hash; a probe reads a stored line's 8 columns only when those bits match. Without them
        // every occupied slot probed cost a read of another row at a random place (8 column arrays): at
        // 10 M lines that made this loop a tenth of the whole run's CPU samples (JFR)
        int rowBits = 32 - Integer.numberOfLeadingZeros(t.size()); // every row + 1 fits: row < t.size()
        int tagBits = 31 - rowBits;
        int rowMask = (int) ((1L << rowBits) - 1);
        int[] table = new int[capacity];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            long h = mix(hash(t, r));
            int tag = tagBits == 0 ? 0 : (int) (h >>> (64 - tagBits)) << rowBits;
            int slot = (int) h & mask;
            boolean duplicate = false;
            for (int entry = table[slot]; entry != 0; entry = table[slot]) {
                if ((entry & ~rowMask) == tag && sameLine(t, (entry & rowMask) - 1, r)) {
                    duplicate = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (!duplicate) {
                table[slot] = tag | (r + 1);
                rows[kept++] = r;
            }
        }
        return kept;
    }

    private static long hash(Transactions t, int r) {
        long h = t.invoice(r);
        h = h * 31 + t.stockCode(r);
        h = h * 31 + t.description(r);
        h = h * 31 + t.quantity(r);
        h = h * 31 + t.epochSecond(r);
        h = h * 31 + Double.hashCode(price(t, r));
        h = h * 31 + Long.hashCode(t.customerId(r));
        h = h * 31 + t.country(r);
        return h;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** The price with -0.0 read as 0.0, as pandas compares values. */
    private static double price(Transactions t, int r) {
        return t.unitPrice(r) + 0.0;
    }

    private static boolean sameLine(Transactions t, int a, int b) {
        return t.invoice(a) == t.invoice(b)
                && t.stockCode(a) == t.stockCode(b)
                && t.description(a) == t.description(b)
                && t.quantity(a) == t.quantity(b)
                && t.epochSecond(a) == t.epochSecond(b)
                && Double.compare(price(t, a), price(t, b)) == 0
                && t.customerId(a) == t.customerId(b)
                && t.country(a) == t.country(b);
    }
}
