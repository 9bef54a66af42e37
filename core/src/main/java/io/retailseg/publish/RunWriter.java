package io.retailseg.publish;

import io.retailseg.clv.CustomerValueModel;
import io.retailseg.config.RunSettings;
import io.retailseg.clean.CleaningStep;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.ml.KCandidate;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.ModelProvenance;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.SegmentProfile;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.RecommenderChoice;
import io.retailseg.runfolder.CustomerValueBlock;
import io.retailseg.runfolder.DataProfileFile;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunManifest;
import io.retailseg.runfolder.RunJson;
import io.retailseg.runfolder.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run's files (SPEC section 8) into an output folder, atomically: the JSON files as the
 * records of {@code io.retailseg.runfolder} through {@link RunJson}, the CSVs through {@link RunCsv},
 * so the readers read exactly the shapes written here.
 */
public final class RunWriter {
    private RunWriter() {
    }

    /**
     * Prepares the JSON mapping of a run's files on a daemon thread (see {@link RunJson#prepareInBackground}):
     * a command that will write a run calls it before running the pipeline.
     */
    public static void prepare() {
        RunJson.prepareInBackground(RunSummary.class, DataProfileFile.class, RunManifest.class, ModelCodec.layout());
    }

    /** Writes every file of the run into {@code folder}; extra files (e.g. a report) may be added. */
    public static OutputFolder files(RunResult result, Path folder) {
        OutputFolder out = new OutputFolder(folder);
        return files(result, out, runId(out));
    }

    /**
     * Adds every file of the run to {@code out}.
     *
     * @param runId the run's id, recorded in each JSON file as {@code run_id} when present
     */
    public static OutputFolder files(RunResult result, OutputFolder out, Optional<String> runId) {
        return out
                .add(RunFolderLayout.CUSTOMERS, file -> RunCsv.writeCustomers(customerRows(result), file))
                .add(RunFolderLayout.TOP_PRODUCTS, file -> RunCsv.writeTopProducts(result.topProducts(), file))
                .add(RunFolderLayout.RECOMMENDATIONS,
                        file -> RunCsv.writeRecommendations(result.recommendations(), file))
                // serialized when written, on a writer thread, beside the other files (OutputFolder.commit)
                .add(RunFolderLayout.MODEL, file -> Files.write(file, ModelCodec.toJson(result.model())))
                .add(RunFolderLayout.DATA_PROFILE, RunJson.bytes(DataProfileFile.of(runId, result.dataProfile())))
                .add(RunFolderLayout.SUMMARY, RunJson.bytes(summary(result, runId)));
    }

    /**
     * The id the JSON files record as {@code run_id}: the run id of the folder being written, which
     * {@code run.json} also records.
     */
    static Optional<String> runId(OutputFolder out) {
        return Optional.of(out.runId());
    }

    /** Writes every file of the run into {@code folder}. */
    public static void write(RunResult result, Path folder) {
        files(result, folder).commit();
    }

    /** The run's customers as the rows of {@code customers.csv}, without copying them. */
    public static RunCsv.CustomerRows customerRows(RunResult r) {
        CustomerTable t = r.customers();
        int components = r.pca().components().length;
        return new RunCsv.CustomerRows() {
            @Override
            public int size() {
                return t.size();
            }

            @Override
            public int components() {
                return components;
            }

            @Override
            public long id(int i) {
                return t.customerId(i);
            }

            @Override
            public double feature(int i, Feature f) {
                return t.value(i, f);
            }

            @Override
            public boolean outlier(int i) {
                return r.outlier()[i];
            }

            @Override
            public int segment(int i) {
                return r.segmentation().segmentAt(i).orElse(-1);
            }

            @Override
            public double pc(int i, int c) {
                return r.pcaScores()[i] == null ? Double.NaN : r.pcaScores()[i][c];
            }

            @Override
            public CustomerValueModel.Prediction value(int i) {
                return r.customerValues().at(i);
            }
        };
    }

    /** The content of {@code summary.json}. */
    public static RunSummary summary(RunResult r, Optional<String> runId) {
        List<RunSummary.Step> steps = new ArrayList<>();
        for (CleaningStep step : r.cleaning().steps()) {
            steps.add(new RunSummary.Step(step.step(), step.removed(), step.description()));
        }
        RunSummary.Cleaning cleaning = new RunSummary.Cleaning(r.cleaning().rowsIn(), steps, r.cleaning().rowsOut(),
                r.cleaning().cancelledLines(), r.cleaning().anomalousStockCodes(),
                RunSummary.BadLines.of(r.cleaning().badLines()));
        int outliers = r.outlierCount();
        RunSummary.Customers customers = new RunSummary.Customers(r.customers().size(), outliers,
                r.customers().size() - outliers, r.outlierThreshold());
        double[] ratio = r.pca().explainedVarianceRatio();
        double cumulative = 0;
        for (double v : ratio) {
            cumulative += v;
        }
        RunSummary.Pca pca = new RunSummary.Pca(ratio.length, ratio, cumulative,
                r.pca().allExplainedVarianceRatio());
        List<RunSummary.Candidate> candidates = new ArrayList<>();
        for (KCandidate c : r.kSelection().candidates()) {
            candidates.add(new RunSummary.Candidate(c.k(), c.inertia(), c.silhouette(), c.silhouetteStandardError()));
        }
        KCandidate chosen = r.kSelection().candidates().stream().filter(c -> c.k() == r.kSelection().chosenK())
                .findFirst().orElseThrow();
        RunSummary.KSelection k = new RunSummary.KSelection(candidates, r.kSelection().chosenK(),
                r.kSelection().rule(), r.kSelection().reason(), r.kSelection().elbowK());
        RunSummary.Metrics metrics = new RunSummary.Metrics(r.metrics().silhouette(), r.metrics().calinskiHarabasz(),
                r.metrics().daviesBouldin(), chosen.silhouetteStandardError(),
                chosen.silhouetteSampleSize() == 0 ? RunSummary.SampleSize.ALL
                        : new RunSummary.SampleSize(chosen.silhouetteSampleSize()));
        List<RunSummary.Segment> segments = new ArrayList<>();
        for (SegmentProfile p : r.profiles()) {
            segments.add(new RunSummary.Segment(p.id(), p.name(), p.size(), p.revenueShare(), p.distinguishing(),
                    byFeature(p.featureMeans()), byFeature(p.standardizedMeans()), known(p.meanProbabilityAlive()),
                    known(p.expectedValue())));
        }
        Optional<ModelProvenance.Matching> matching = r.model().provenance().segmentMatching();
        return RunSummary.of(runId, input(r), RunSettings.of(r.config()), r.config().threads(),
                cleaning, customers, pca, k, metrics, segments,
                new RunSummary.Recommendations(fewerThanRequested(r), r.recommendations().size(),
                        r.model().recommender().kind(), r.model().offer(), r.model().recommender().parameters(),
                        r.recommenderWhy(),
                        RecommenderChoice.RULE, RecommenderChoice.EVIDENCE), matching,
                r.model().customerValue().map(CustomerValueBlock::of),
                r.model().customerValue().isPresent() ? Optional.empty() : r.customerValueWhy(), r.timingsMillis());
    }

    /**
     * The input as summary.json names it: the source (a file, or a database, table or query), the lines read
     * and, when the source has one, the checksum of its bytes (the file's, or the CSV text a database sent).
     */
    private static RunSummary.Input input(RunResult r) {
        String checksum = r.model().provenance().input().checksum();
        return new RunSummary.Input(r.source(), r.rowsRead(),
                NO_CHECKSUM.equals(checksum) ? Optional.empty() : Optional.of(checksum));
    }

    /** {@link io.retailseg.model.InputIdentity#checksum()} of lines given in memory. */
    private static final String NO_CHECKSUM = "none";

    private static long fewerThanRequested(RunResult r) {
        Map<Long, Integer> perCustomer = new LinkedHashMap<>();
        for (Recommendation rec : r.recommendations()) {
            perCustomer.merge(rec.customerId(), 1, Integer::sum);
        }
        long segmented = r.customers().size() - r.outlierCount();
        long full = perCustomer.values().stream().filter(c -> c >= r.config().recommendationsPerCustomer()).count();
        return segmented - full;
    }


    private static java.util.OptionalDouble known(double v) {
        return Double.isNaN(v) ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(v);
    }

    private static Map<String, Double> byFeature(double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            m.put(f.columnName(), values[f.ordinal()]);
        }
        return m;
    }
}
