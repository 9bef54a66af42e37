package io.retailseg.pipeline;

import io.retailseg.config.RankBy;
import io.retailseg.config.RecommenderKind;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.RecommenderFit;
import io.retailseg.recommend.TopProduct;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The run's recommender fit, started right after cleaning: the customers' baskets and everything of the
 * fit that does not depend on the segments ({@link RecommenderFit#fitBeforeSegments}, the hybrid's local
 * EASE, the largest stage of a default run) run on a background thread while the features, customer value,
 * outliers and the k search go on; {@link #finish} waits for it and attaches the segments' best sellers. The
 * result does not depend on the overlap (every fit gives the same bits on any number of threads), so with
 * one thread allowed ({@code --threads 1}) nothing runs in the background and {@link #finish} does all the
 * work. A run that fails before {@link #finish} leaves the (daemon) thread to end on its own.
 */
final class RecommenderTraining {
    /** A fitted recommender and the baskets it was fitted on ({@code null} for segment-best-sellers, which uses none). */
    record Trained(ProductRecommender recommender, CustomerGroups groups, Basket[] baskets) {
    }

    /** The baskets and the segment-free part of the fit. */
    private record Prepared(CustomerGroups groups, Basket[] baskets,
                            Function<RecommenderFit.Inputs, ProductRecommender> finish) {
    }

    private final FutureTask<Prepared> task;
    private final long alsSeed;
    private final int threads;

    private RecommenderTraining(FutureTask<Prepared> task, long alsSeed, int threads) {
        this.task = task;
        this.alsSeed = alsSeed;
        this.threads = threads;
    }

    /**
     * Starts the fit on {@code lines} (cleaned): on a background thread when {@code threads} > 1 and the
     * recommender has a model to fit.
     *
     * @param groupsOfLines the lines' customer groups, shared with the other stages (made here when first asked)
     */
    static RecommenderTraining start(RecommenderKind kind, Transactions lines, Supplier<CustomerGroups> groupsOfLines,
                                     long alsSeed, int threads) {
        FutureTask<Prepared> task = new FutureTask<>(() -> {
            if (kind == RecommenderKind.SEGMENT_BEST_SELLERS) {
                return new Prepared(null, null, RecommenderFit.fitBeforeSegments(kind, null, null, alsSeed, threads));
            }
            CustomerGroups groups = groupsOfLines.get();
            Catalogue catalogue = Catalogue.of(lines);
            Basket[] baskets = Basket.of(lines, groups, catalogue);
            return new Prepared(groups, baskets,
                    RecommenderFit.fitBeforeSegments(kind, catalogue, baskets, alsSeed, threads));
        });
        if (threads > 1 && kind != RecommenderKind.SEGMENT_BEST_SELLERS) {
            Thread thread = new Thread(task, "retailseg-recommender-fit");
            thread.setDaemon(true);
            thread.start();
        }
        return new RecommenderTraining(task, alsSeed, threads);
    }

    /** The fitted recommender, once the segments' best sellers ({@code bestSellers}, by segment) are known. */
    Trained finish(List<List<TopProduct>> bestSellers, RankBy rankBy) {
        task.run(); // does the work here when no thread was started; a no-op once started
        Prepared prepared;
        try {
            prepared = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the recommender's fit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        ProductRecommender recommender = prepared.finish().apply(new RecommenderFit.Inputs(bestSellers, rankBy,
                alsSeed, threads));
        return new Trained(recommender, prepared.groups(), prepared.baskets());
    }
}
