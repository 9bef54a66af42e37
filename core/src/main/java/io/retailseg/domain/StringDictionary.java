package io.retailseg.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dictionary encoding of strings: each distinct string gets a dense code 0, 1, 2, ... in order of
 * first appearance. Columns of transaction lines hold these codes instead of strings.
 *
 * <p>Not thread-safe while being filled; read-only use after filling is safe.
 */
public final class StringDictionary {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();
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
        Integer code = codes.get(value);
        if (code != null) {
            return code;
        }
        int next = values.size();
        codes.put(value, next);
        values.add(value);
        return next;
    }

    /** The code of {@code value}, or -1 when absent. */
    public int codeOf(String value) {
        Integer code = codes.get(value);
        return code == null ? -1 : code;
    }

    /** The string behind {@code code}. */
    public String decode(int code) {
        return values.get(code);
    }

    /** Number of distinct strings. */
    public int size() {
        return values.size();
    }

    /**
     * For every code, its rank in ascending {@link String#compareTo} order of the values: lets hot
     * loops compare strings by comparing ints.
     */
    public int[] sortRanks() {
        Integer[] order = new Integer[values.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> values.get(a).compareTo(values.get(b)));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
