package io.retailseg.report;

import io.retailseg.explore.DataProfile;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunSummary;
import java.util.List;
import java.util.Optional;

/**
 * Everything the report shows, as read from a finished run's files ({@link RunFiles#read}). The same
 * value drawn twice gives the same bytes, so {@code retailseg run} and {@code retailseg report --run}
 * write identical reports.
 *
 * @param summary {@code summary.json}
 * @param customers {@code customers.csv}
 * @param topProducts {@code top_products.csv}, by segment then rank
 * @param recommendations {@code recommendations.csv}, by customer then rank
 * @param profile {@code data_profile.json}
 * @param evaluation {@code evaluation.json} when the run folder has one
 */
public record ReportData(RunSummary summary, RunCsv.Customers customers, List<TopProduct> topProducts,
                         List<Recommendation> recommendations, DataProfile profile,
                         Optional<EvaluationReport> evaluation) {
    public ReportData {
        topProducts = List.copyOf(topProducts);
        recommendations = List.copyOf(recommendations);
    }

    /** Number of segments. */
    public int k() {
        return summary.segments().size();
    }
}
