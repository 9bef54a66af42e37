package io.retailseg.recommend;

/**
 * One of a segment's best sellers.
 *
 * @param segment the segment id
 * @param rank 1 = best seller
 * @param stockCode the product
 * @param description the product's most frequent cleaned description
 * @param quantity total quantity over the segment's cleaned lines (cancellations included)
 */
public record TopProduct(int segment, int rank, String stockCode, String description, long quantity) {
}
