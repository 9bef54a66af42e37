package io.retailseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.retailseg.config.OfferMode;
import io.retailseg.config.RankBy;
import io.retailseg.recommend.BestSellerRecommender;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * SPEC section 7 (the {@code segment-best-sellers} recommender) as Spark SQL, all of it on the executors:
 * each segment's best sellers over its customers' cleaned lines (ranked by the run's {@link RankBy}, ties
 * by the smaller StockCode as text), a product's description its most frequent cleaned one (ties:
 * alphabetically first), and for every segmented customer the first best sellers they have no line of
 * (or, with {@link OfferMode#ANY}, the first ones). The driver receives k x top-N products and the
 * recommendations (a few per customer).
 */
public final class SparkRecommend {
    private SparkRecommend() {
    }

    /** The best sellers and recommendations, as rows for the CSV writers and as DataFrames for Parquet. */
    public record Result(List<TopProduct> topProducts, List<Recommendation> recommendations,
                         Dataset<Row> topProductsTable, Dataset<Row> recommendationsTable) {
    }

    /**
     * Each segment's best sellers, for {@code top_products} and as the recommenders' fill.
     *
     * @param descriptions (StockCode, Description) of every product, {@link #descriptions}
     */
    public record BestSellers(List<TopProduct> topProducts, Dataset<Row> table) {
    }

    /**
     * @param segments rows (CustomerID long, Segment int) of the segmented customers
     */
    public static Result compute(SparkSession spark, Dataset<Row> cleaned, Dataset<Row> segments, int topN,
                                 int perCustomer, RankBy rankBy, OfferMode offer) {
        BestSellers best = bestSellers(spark, cleaned, segments, topN, rankBy);
        return segmentRule(spark, cleaned, segments, best, perCustomer, rankBy, offer);
    }

    /** Every product's most frequent cleaned description (ties: alphabetically first): (StockCode, Description). */
    static Dataset<Row> descriptions(Dataset<Row> cleaned) {
        return cleaned.groupBy(SparkIngest.STOCK_CODE, SparkIngest.DESCRIPTION).count()
                .groupBy(SparkIngest.STOCK_CODE)
                .agg(expr("min(named_struct('n', -`count`, 'd', Description)).d").as(SparkIngest.DESCRIPTION));
    }

    /** SPEC section 7's best sellers per segment, ranked by {@code rankBy} (ties by the smaller StockCode). */
    public static BestSellers bestSellers(SparkSession spark, Dataset<Row> cleaned, Dataset<Row> segments, int topN,
                                          RankBy rankBy) {
        Dataset<Row> lines = cleaned.join(segments, SparkIngest.CUSTOMER_ID);
        Dataset<Row> totals = lines.groupBy("Segment", SparkIngest.STOCK_CODE).agg(
                functions.sum(SparkIngest.QUANTITY).as("Quantity"),
                functions.sum(expr("CAST(Quantity AS DOUBLE) * UnitPrice")).as("revenue"),
                functions.countDistinct(expr("CASE WHEN InvoiceNo NOT LIKE 'C%' THEN CustomerID END")).as("buyers"));
        String primary = switch (rankBy) {
            case QUANTITY -> "Quantity";
            case BUYERS -> "buyers";
            case REVENUE -> "revenue";
        };
        Dataset<Row> ranked = totals.withColumn("Rank", functions.row_number().over(Window.partitionBy("Segment")
                        .orderBy(col(primary).desc(), col(SparkIngest.STOCK_CODE).asc())))
                .filter(col("Rank").leq(topN));
        List<Row> topRows = ranked.join(descriptions(cleaned), SparkIngest.STOCK_CODE)
                .select(col("Segment"), col("Rank"), col(SparkIngest.STOCK_CODE), col(SparkIngest.DESCRIPTION),
                        col("Quantity"))
                .orderBy("Segment", "Rank").collectAsList();
        List<TopProduct> top = new ArrayList<>();
        for (Row r : topRows) {
            top.add(new TopProduct(r.getInt(0), r.getInt(1), r.getString(2), r.getString(3), r.getLong(4)));
        }
        StructType topSchema = new StructType().add("Segment", DataTypes.IntegerType)
                .add("Rank", DataTypes.IntegerType).add("StockCode", DataTypes.StringType)
                .add("Description", DataTypes.StringType).add("Quantity", DataTypes.DoubleType);
        List<Row> topOut = new ArrayList<>();
        for (TopProduct p : top) {
            topOut.add(RowFactory.create(p.segment(), p.rank(), p.stockCode(), p.description(),
                    (double) p.quantity()));
        }
        return new BestSellers(top, spark.createDataFrame(topOut, topSchema));
    }

    /** For every segmented customer, the first best sellers of their segment they have no line of (NEW_ONLY). */
    static Result segmentRule(SparkSession spark, Dataset<Row> cleaned, Dataset<Row> segments, BestSellers best,
                              int perCustomer, RankBy rankBy, OfferMode offer) {
        Dataset<Row> topTable = best.table();
        Dataset<Row> candidates = segments.join(functions.broadcast(topTable.select(
                col("Segment"), col("Rank").as("top_rank"), col("StockCode"), col("Description"))), "Segment");
        if (offer == OfferMode.NEW_ONLY) {
            Dataset<Row> bought = cleaned.select(SparkIngest.CUSTOMER_ID, SparkIngest.STOCK_CODE).distinct();
            candidates = candidates.join(bought, candidates.col(SparkIngest.CUSTOMER_ID)
                    .equalTo(bought.col(SparkIngest.CUSTOMER_ID))
                    .and(candidates.col(SparkIngest.STOCK_CODE).equalTo(bought.col(SparkIngest.STOCK_CODE))),
                    "left_anti");
        }
        Dataset<Row> recs = candidates.withColumn("Rank", functions.row_number().over(
                        Window.partitionBy(SparkIngest.CUSTOMER_ID).orderBy("top_rank")))
                .filter(col("Rank").leq(perCustomer))
                .select(col(SparkIngest.CUSTOMER_ID), col("Segment"), col("Rank"), col("StockCode"),
                        col("Description"), col("top_rank"));
        List<Recommendation> out = new ArrayList<>();
        for (Row r : recs.orderBy(SparkIngest.CUSTOMER_ID, "Rank").collectAsList()) {
            int topRank = r.getInt(5);
            out.add(new Recommendation(r.getLong(0), r.getInt(1), r.getInt(2), r.getString(3), r.getString(4),
                    1.0 / topRank, BestSellerRecommender.reason(topRank, rankBy)));
        }
        return of(spark, best, out);
    }

    /**
     * The recommendations (on the driver: a few per customer) with their table, {@code recommendations.csv}'s
     * columns: CustomerID as text, Segment and Rank int, Score double, the rest text.
     */
    static Result of(SparkSession spark, BestSellers best, List<Recommendation> recommendations) {
        StructType schema = new StructType().add("CustomerID", DataTypes.StringType)
                .add("Segment", DataTypes.IntegerType).add("Rank", DataTypes.IntegerType)
                .add("StockCode", DataTypes.StringType).add("Description", DataTypes.StringType)
                .add("Score", DataTypes.DoubleType).add("Reason", DataTypes.StringType);
        List<Row> rows = new ArrayList<>(recommendations.size());
        for (Recommendation r : recommendations) {
            rows.add(RowFactory.create(Long.toString(r.customerId()), r.segment(), r.rank(), r.stockCode(),
                    r.description(), r.score(), r.reason()));
        }
        return new Result(best.topProducts(), recommendations, best.table(), spark.createDataFrame(rows, schema));
    }
}
