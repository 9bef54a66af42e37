package io.retailseg.recommend;

/**
 * A product recommended to a customer: one of the segment's best sellers the customer never bought.
 *
 * @param customerId the customer
 * @param segment the customer's segment
 * @param rank 1 = first recommendation
 * @param stockCode the product
 * @param description the product's description
 */
public record Recommendation(long customerId, int segment, int rank, String stockCode, String description) {
}
