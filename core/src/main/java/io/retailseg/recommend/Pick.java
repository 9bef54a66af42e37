package io.retailseg.recommend;

/**
 * One recommended product.
 *
 * @param product index in the recommender's {@link Catalogue}
 * @param score the recommender's score (higher first; its scale is the recommender's own)
 * @param reason why, in words a customer-facing team can show (e.g. {@code bought with 85123A (214
 *     customers) and 22423 (150 customers)})
 */
public record Pick(int product, double score, String reason) {
}
