package io.retailseg.domain;

import java.util.Arrays;

/**
 * Dictionary encodings of primitive values (dense codes 0, 1, 2, ... in order of first appearance)
 * in open-addressing tables: no boxing, memory proportional to the distinct values. Used to store a
 * column of few distinct wide values (prices, customer ids) as 4-byte codes.
 */
public final class PrimitiveDictionaries {
    private static final int MIN_CAPACITY = 16;

    private PrimitiveDictionaries() {
    }

    /** Spreads the bits of a 64-bit key (MurmurHash3's finalizer). */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Distinct {@code long} values, compared by value. */
    public static final class Longs {
        private long[] values = new long[MIN_CAPACITY];
        private int size;
        private int[] table = emptyTable(MIN_CAPACITY * 2);

        /** The code of {@code value}, adding it when new. */
        public int encode(long value) {
            int mask = table.length - 1;
            int slot = (int) (mix(value) & mask);
            while (true) {
                int code = table[slot];
                if (code < 0) {
                    break;
                }
                if (values[code] == value) {
                    return code;
                }
                slot = (slot + 1) & mask;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size] = value;
            table[slot] = size;
            size++;
            if (size * 2 > table.length) {
                table = rehash(values, size, table.length * 2);
            }
            return size - 1;
        }

        /** The value behind {@code code}. */
        public long value(int code) {
            return values[code];
        }

        /** Number of distinct values. */
        public int size() {
            return size;
        }

        private static int[] rehash(long[] values, int size, int capacity) {
            int[] table = emptyTable(capacity);
            int mask = capacity - 1;
            for (int code = 0; code < size; code++) {
                int slot = (int) (mix(values[code]) & mask);
                while (table[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = code;
            }
            return table;
        }
    }

    /** Distinct {@code double} values, compared by their bits (so 0.0 and -0.0 stay apart, as given). */
    static final class Doubles {
        private final Longs bits = new Longs();

        int encode(double value) {
            return bits.encode(Double.doubleToRawLongBits(value));
        }

        /**
         * {@link #encode(double)}, {@code hint} (a code already given, or a negative number for none) tried first:
         * when it holds the value's bits, its code without a look-up. The codes are the same as without hints.
         */
        int encode(double value, int hint) {
            long raw = Double.doubleToRawLongBits(value);
            if (hint >= 0 && bits.value(hint) == raw) {
                return hint;
            }
            return bits.encode(raw);
        }

        double value(int code) {
            return Double.longBitsToDouble(bits.value(code));
        }

        int size() {
            return bits.size();
        }
    }

    private static int[] emptyTable(int capacity) {
        int[] table = new int[capacity];
        Arrays.fill(table, -1);
        return table;
    }
}
