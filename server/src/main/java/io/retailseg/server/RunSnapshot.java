package io.retailseg.server;

import io.retailseg.InputException;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentationModel;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.EvaluationReport;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunSummary;
import io.retailseg.score.Scorer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the server answers from, read once from a run's output folder ({@code model.json},
 * {@code summary.json}, {@code customers.csv}, {@code recommendations.csv}, through the run folder's
 * records and CSV codec of {@code io.retailseg.runfolder}) and never changed
 * afterwards: a reload builds a new snapshot and swaps it in whole, so a request that took this
 * snapshot sees one run only.
 *
 * @param id the run id from the folder's {@code run.json} ({@code 20261129T093012Z-3fa9c1}): names the run in every
 *     response
 * @param origin where the run was read from: the run folder as given (normally the {@code --out} link; a reload
 *     resolves it again), or a database and schema
 * @param loadedAt when the snapshot was read
 * @param scorer the model, ready to score lines
 * @param summary {@code summary.json}
 * @param customers every customer of the run, by ascending id
 * @param evaluation the run folder's {@code evaluation.json}, when it has one
 * @param report the run folder's {@code report.html}, when its manifest lists one
 */
public record RunSnapshot(String id, String origin, Instant loadedAt, Scorer scorer, RunSummary summary,
                          List<Customer> customers, Optional<EvaluationReport> evaluation, Optional<byte[]> report) {

    public RunSnapshot {
        customers = List.copyOf(customers);
    }

    /** A run without an evaluation or a report. */
    public RunSnapshot(String id, String origin, Instant loadedAt, Scorer scorer, RunSummary summary,
                       List<Customer> customers) {
        this(id, origin, loadedAt, scorer, summary, customers, Optional.empty(), Optional.empty());
    }

    /** The HTML report's name in a run folder (written by {@code retailseg run} unless --no-report). */
    static final String REPORT = "report.html";

    /**
     * A recommendation as the run wrote it in {@code recommendations.csv}.
     *
     * @param score the recommender's score (its own scale)
     * @param reason why it was recommended, in words
     */
    public record Pick(int rank, String stockCode, String description, double score, String reason) {
    }

    /**
     * One customer of the run.
     *
     * @param segment the segment id, -1 for an outlier
     */
    public record Customer(long id, double[] features, boolean outlier, int segment, List<Pick> recommendations,
                           io.retailseg.clv.CustomerValueModel.Prediction value) {
    }

    /**
     * Reads the run folder {@code folder}.
     *
     * @throws InputException when a file is missing or malformed
     */
    public static RunSnapshot load(Path given) {
        return load(given, null);
    }

    /** Thrown when a run folder resolves to a folder outside the runs root (its link changed after the check). */
    static final class OutsideRoot extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutsideRoot() {
            super("outside the runs root", null, false, false);
        }
    }

    /**
     * Reads the run folder {@code given}, which must resolve to a folder inside {@code root} (a real path;
     * null: anywhere). The files read must be listed in the folder's {@code run.json} (which checks them:
     * regular files, not links, of the recorded size and CRC-32C), so a planted link cannot make the server
     * read a file outside the run.
     *
     * @throws OutsideRoot when the folder is outside the root
     * @throws InputException when a file is missing, unlisted or malformed
     */
    static RunSnapshot load(Path given, Path root) {
        // resolves the --out link once (again on every reload, so a reload follows the newest run) and checks
        // run.json: everything below reads that one run's real folder
        io.retailseg.runfolder.RunFolderReader.Run run = io.retailseg.runfolder.RunFolderReader.open(given);
        Path folder = run.folder();
        if (root != null && !folder.startsWith(root)) {
            throw new OutsideRoot();
        }
        for (String name : List.of(RunFolderLayout.MODEL, RunFolderLayout.SUMMARY, RunFolderLayout.CUSTOMERS,
                RunFolderLayout.RECOMMENDATIONS)) {
            if (!run.has(name)) {
                throw new InputException(given + "/" + name, "not listed in " + RunFolderLayout.MANIFEST
                        + ": not a file of this run");
            }
        }
        Path modelFile = run.file(RunFolderLayout.MODEL);
        SegmentationModel model = ModelCodec.read(modelFile);
        Path summaryFile = folder.resolve(RunFolderLayout.SUMMARY);
        RunSummary summary = RunSummary.read(summaryFile, summaryFile.toString());
        run.checkRunId(summaryFile, summary.runId());
        checkSegments(model, summary, summaryFile.toString(), modelFile.getFileName().toString());
        List<Customer> customers = readCustomers(folder, model.k());
        Optional<EvaluationReport> evaluation = Optional.empty();
        if (run.has(RunFolderLayout.EVALUATION)) {
            Path file = run.file(RunFolderLayout.EVALUATION);
            evaluation = Optional.of(EvaluationReport.read(file, file.toString()));
        }
        Optional<byte[]> report = Optional.empty();
        if (run.has(REPORT)) {
            report = Optional.of(run.bytes(REPORT));
        }
        return new RunSnapshot(run.runId(), given.toString(), Instant.now(), Scorer.of(model), summary, customers,
                evaluation, report);
    }

    /**
     * A run read from elsewhere than a folder (a {@link RunProvider}): the same checks as a folder's files.
     *
     * @param origin names where it was read from, in responses and errors
     * @param customers by ascending id
     * @throws InputException when the summary lacks a segment of the model
     */
    public static RunSnapshot of(String id, String origin, SegmentationModel model, RunSummary summary,
                                 List<Customer> customers) {
        checkSegments(model, summary, origin + " summary", origin + " model");
        return new RunSnapshot(id, origin, Instant.now(), Scorer.of(model), summary, customers);
    }

    private static void checkSegments(SegmentationModel model, RunSummary summary, String summaryName,
                                      String modelName) {
        for (int s = 0; s < model.k(); s++) {
            int id = s;
            if (summary.segments().stream().noneMatch(x -> x.id() == id)) {
                throw new InputException(summaryName, 0, "segments",
                        "expected an entry for every segment 0.." + (model.k() - 1) + " of "
                                + modelName + ", found none for segment " + id);
            }
        }
    }

    /** The customer with {@code id}, or null. */
    public Customer customer(long id) {
        return customerAt(indexOf(id));
    }

    /** The customer at {@code index} of {@link #customers()}, or null for -1. */
    private Customer customerAt(int index) {
        return index < 0 ? null : customers.get(index);
    }

    /** The index of the customer with {@code id} in {@link #customers()}, or -1. */
    public int indexOf(long id) {
        int lo = 0;
        int hi = customers.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = customers.get(mid).id();
            if (m < id) {
                lo = mid + 1;
            } else if (m > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Number of segments. */
    public int segments() {
        return scorer.model().k();
    }

    /** The segment's entry of {@code summary.json} (name, size, profile); every segment has one. */
    public RunSummary.Segment segmentSummary(int id) {
        return summary.segments().stream().filter(s -> s.id() == id).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no segment " + id));
    }

    /** The segment's best sellers, by rank. */
    public List<TopProduct> topProducts(int segment) {
        return scorer.model().topProducts().stream().filter(p -> p.segment() == segment).toList();
    }


    private static List<Customer> readCustomers(Path folder, int segments) {
        Path customersFile = folder.resolve(RunFolderLayout.CUSTOMERS);
        Path recommendationsFile = folder.resolve(RunFolderLayout.RECOMMENDATIONS);
        RunCsv.Customers rows = RunCsv.readCustomers(customersFile, customersFile.toString());
        List<Recommendation> recs = RunCsv.readRecommendations(recommendationsFile, recommendationsFile.toString());
        List<Customer> customers = new ArrayList<>(rows.size());
        int r = 0;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            long line = i + 2;
            long id = rows.id(i);
            if (id <= previous) {
                throw new InputException(customersFile.toString(), line, RunFolderLayout.CUSTOMER_ID,
                        "expected ids in ascending order, found " + id + " after " + previous);
            }
            previous = id;
            boolean outlier = rows.outlier(i);
            int segment = rows.segment(i);
            if (!outlier && (segment < 0 || segment >= segments) || outlier && segment >= 0) {
                throw new InputException(customersFile.toString(), line, RunFolderLayout.SEGMENT,
                        "expected a segment id 0.." + (segments - 1) + " (empty for outliers), found \""
                                + (segment < 0 ? "" : Integer.toString(segment)) + "\"");
            }
            List<Pick> picks = new ArrayList<>();
            while (r < recs.size() && recs.get(r).customerId() == id) {
                Recommendation rec = recs.get(r++);
                picks.add(new Pick(rec.rank(), rec.stockCode(), rec.description(), rec.score(), rec.reason()));
            }
            customers.add(new Customer(id, rows.features()[i], outlier, outlier ? -1 : segment, List.copyOf(picks),
                    rows.values().at(i)));
        }
        if (r < recs.size()) {
            throw new InputException(recommendationsFile.toString(), r + 2, RunFolderLayout.CUSTOMER_ID,
                    "expected a customer of customers.csv in the same order, found " + recs.get(r).customerId());
        }
        return customers;
    }
}
