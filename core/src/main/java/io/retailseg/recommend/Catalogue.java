package io.retailseg.recommend;

import io.retailseg.domain.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The products a recommender knows: every stock code of its training lines, sorted by text, with its
 * most frequent description. A product is named by its position here (its index), so equal scores
 * are broken by index, which is stock code order.
 */
public final class Catalogue {
    private final List<String> codes;
    private final List<String> descriptions;
    private final Map<String, Integer> index;

    /**
     * @param codes stock codes, strictly increasing as text
     * @param descriptions one per code
     * @throws IllegalArgumentException naming the entry that is out of order, repeated or empty
     */
    public Catalogue(List<String> codes, List<String> descriptions) {
        if (codes.size() != descriptions.size()) {
            throw new IllegalArgumentException("descriptions: expected one per stock code (" + codes.size()
                    + "), found " + descriptions.size());
        }
        this.codes = List.copyOf(codes);
        this.descriptions = descriptions.stream().map(d -> Objects.requireNonNullElse(d, "")).toList();
        this.index = new HashMap<>(codes.size() * 2);
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (code == null || code.isEmpty()) {
                throw new IllegalArgumentException("stock_codes[" + i + "]: expected a stock code, found none");
            }
            if (i > 0 && codes.get(i - 1).compareTo(code) >= 0) {
                throw new IllegalArgumentException("stock_codes[" + i + "]: expected codes in increasing text order, found \""
                        + code + "\" after \"" + codes.get(i - 1) + "\"");
            }
            index.put(code, i);
        }
    }

    /** Every stock code of {@code lines}, with its most frequent description. */
    public static Catalogue of(Transactions lines) {
        boolean[] present = new boolean[lines.stockCodes().size()];
        for (int r = 0; r < lines.size(); r++) {
            present[lines.stockCode(r)] = true;
        }
        String[] description = SegmentBestSellers.descriptions(lines);
        List<Integer> order = new ArrayList<>();
        for (int code = 0; code < present.length; code++) {
            if (present[code]) {
                order.add(code);
            }
        }
        order.sort((a, b) -> lines.stockCodes().decode(a).compareTo(lines.stockCodes().decode(b)));
        List<String> codes = new ArrayList<>(order.size());
        List<String> descriptions = new ArrayList<>(order.size());
        for (int code : order) {
            codes.add(lines.stockCodes().decode(code));
            descriptions.add(description[code]);
        }
        return new Catalogue(codes, descriptions);
    }

    /** Number of products. */
    public int size() {
        return codes.size();
    }

    public String code(int product) {
        return codes.get(product);
    }

    public String description(int product) {
        return descriptions.get(product);
    }

    /** The index of a stock code, -1 when the catalogue does not have it. */
    public int indexOf(String code) {
        Integer i = index.get(code);
        return i == null ? -1 : i;
    }

    /** Stock codes by index. */
    public List<String> codes() {
        return codes;
    }

    /** Descriptions by index. */
    public List<String> descriptions() {
        return descriptions;
    }

    /** For every code of {@code lines}' stock code dictionary, its index here (-1 when absent). */
    public int[] indexOf(Transactions lines) {
        int[] out = new int[lines.stockCodes().size()];
        for (int code = 0; code < out.length; code++) {
            out[code] = indexOf(lines.stockCodes().decode(code));
        }
        return out;
    }
}
