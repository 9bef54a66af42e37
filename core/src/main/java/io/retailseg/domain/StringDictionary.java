package io.retailseg.domain;

import java.util.Arrays;

/**
 * Dictionary encoding of strings: each distinct string gets a dense code 0, 1, 2, ... in order of
 * first appearance. Columns of transaction lines hold these codes instead of strings.
 *
 * <p>Codes are found by open addressing on the string's hash: each slot packs the hash and the
 * code in one {@code long}, so a look-up reads one array and compares a string only when the hashes
 * match. A {@code HashMap<String, Integer>} cost a node and often an Integer per distinct value (the
 * invoices of 10 M lines: about 500,000), and its look-up and insert of each new value were the
 * decoding thread's largest cost after the character dictionary ({@code bench/postgres.sh}'s JFR
 * profile, 2026-11-30).
 *
 * <p>Not thread-safe while being filled; read-only use after filling is safe.
 */
public final class StringDictionary {
    private static final int FIRST_SLOTS = 16;
    private static final long CODE_BITS = 0xFFFF_FFFFL;

    /** {@code hash << 32 | code + 1} in each slot, 0 when free. */
    private long[] slots = new long[FIRST_SLOTS];
    private String[] values = new String[FIRST_SLOTS / 2];
    private int size;
    private String last;
    private int lastCode;

    /**
     * The code of {@code value}, adding it when new. Remembers the last value: the lines of one
     * invoice are adjacent and share invoice and country, so most of those calls are one equals().
     */
    public int encode(String value) {
        if (value.equals(last)) {
            return lastCode;
        }
        int code = lookUpOrAdd(value);
        last = value;
        lastCode = code;
        return code;
    }

    private int lookUpOrAdd(String value) {
        int hash = value.hashCode();
        int slot = slotOf(value, hash);
        if (slots[slot] != 0) {
            return (int) (slots[slot] & CODE_BITS) - 1;
        }
        int code = size;
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        slots[slot] = (long) hash << 32 | (code + 1);
        if (size * 2 > slots.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        long[] grown = new long[slots.length * 2];
        int mask = grown.length - 1;
        for (long entry : slots) {
            if (entry != 0) {
                int slot = mix((int) (entry >>> 32)) & mask;
                while (grown[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = entry;
            }
        }
        slots = grown;
    }

    /** Spreads the high bits of a polynomial hash into the low bits a power-of-two table uses. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The code of {@code value}, or -1 when absent. */
    public int codeOf(String value) {
        return (int) (slots[slotOf(value, value.hashCode())] & CODE_BITS) - 1; // a free slot holds 0
    }

    /** The slot holding {@code value} (whose hash is {@code hash}), or the free slot where it would go. */
    private int slotOf(String value, int hash) {
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        for (long entry = slots[slot]; entry != 0; entry = slots[slot]) {
            if ((int) (entry >>> 32) == hash && values[(int) (entry & CODE_BITS) - 1].equals(value)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The string behind {@code code}. */
    public String decode(int code) {
        if (code < 0 || code >= size) {
            throw new IndexOutOfBoundsException("code " + code + " of a dictionary of " + size);
        }
        return values[code];
    }

    /** Number of distinct strings. */
    public int size() {
        return size;
    }

    /**
     * For every code, its rank in ascending {@link String#compareTo} order of the values: lets hot
     * loops compare strings by comparing ints.
     */
    public int[] sortRanks() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> values[a].compareTo(values[b]));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
