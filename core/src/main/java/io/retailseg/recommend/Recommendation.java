package io.retailseg.recommend;

/**
 * A product recommended to a customer.
 *
 * @param customerId the customer
 * @param segment the customer's segment
 * @param rank 1 = first recommendation
 * @param stockCode the product
 * @param description the product's description
 * @param score the recommender's score (its own scale; higher first)
 * @param reason why it was recommended, in words
 */
public record Recommendation(long customerId, int segment, int rank, String stockCode, String description,
                            double score, String reason) {
}
