package io.retailseg.recommend;

import io.retailseg.config.OfferMode;

import io.retailseg.config.RankBy;
import io.retailseg.config.RecommenderKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * SPEC section 7, the reference: the first of the customer's segment's best sellers (in rank order) the
 * customer never bought; outliers (no segment) get nothing. The score is 1 / rank in the segment's list.
 */
public final class BestSellerRecommender implements ProductRecommender {
    private final List<List<TopProduct>> bySegment;
    private final RankBy rankBy;
    private final Catalogue catalogue;
    private final int[][] ranked;

    /** @param bySegment each segment's best sellers, by rank */
    public BestSellerRecommender(List<List<TopProduct>> bySegment, RankBy rankBy) {
        this.bySegment = bySegment.stream().map(List::copyOf).toList();
        this.rankBy = rankBy;
        TreeSet<String> codes = new TreeSet<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (List<TopProduct> list : bySegment) {
            for (TopProduct p : list) {
                codes.add(p.stockCode());
                descriptions.putIfAbsent(p.stockCode(), p.description());
            }
        }
        this.catalogue = new Catalogue(new ArrayList<>(codes), codes.stream().map(descriptions::get).toList());
        this.ranked = new int[bySegment.size()][];
        for (int s = 0; s < bySegment.size(); s++) {
            ranked[s] = bySegment.get(s).stream().mapToInt(p -> catalogue.indexOf(p.stockCode())).toArray();
        }
    }

    /** The reason of the segment's best seller of {@code rank}. */
    public static String reason(int rank, RankBy rankBy) {
        return "top seller #" + rank + " in your segment (by " + rankBy.id() + ")";
    }

    @Override
    public RecommenderKind kind() {
        return RecommenderKind.SEGMENT_BEST_SELLERS;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rank_by", rankBy.id());
        p.put("best_sellers_per_segment", bySegment.isEmpty() ? 0 : bySegment.get(0).size());
        return p;
    }

    @Override
    public List<Pick> recommend(Basket basket, OptionalInt segment, int n, OfferMode mode) {
        List<Pick> picks = new ArrayList<>(n);
        if (segment.isEmpty() || segment.getAsInt() >= ranked.length) {
            return picks;
        }
        int[] list = ranked[segment.getAsInt()];
        for (int r = 0; r < list.length && picks.size() < n; r++) {
            if (mode == OfferMode.ANY || !basket.has(list[r])) {
                picks.add(new Pick(list[r], 1.0 / (r + 1), reason(r + 1, rankBy)));
            }
        }
        return picks;
    }
}
