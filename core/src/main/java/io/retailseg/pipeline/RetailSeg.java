package io.retailseg.pipeline;

import io.retailseg.InputException;
import io.retailseg.clean.Cleaner;
import io.retailseg.clv.CustomerValues;
import io.retailseg.clean.CleaningReport;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.config.Seeds;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Transactions;
import io.retailseg.explore.DataProfile;
import io.retailseg.explore.DataProfiler;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.model.InputIdentity;
import io.retailseg.model.SegmentMatching;
import io.retailseg.model.SegmentationModel;
import io.retailseg.recommend.RecommenderChoice;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The pipeline, start to end: the one place that knows the order of the stages.
 *
 * <pre>{@code
 * RunResult r = RetailSeg.run(RunConfig.builder().k(3).build(),
 *         TransactionSource.file(Path.of("online_retail.csv.gz"), IngestOptions.defaults()));
 * r.profiles().forEach(p -> System.out.println(p.name() + ": " + p.size()));
 * }</pre>
 */
public final class RetailSeg {
    private RetailSeg() {
    }

    public static RunResult run(RunConfig config, TransactionSource source) {
        return run(config, source, ProgressListener.NONE);
    }

    /**
     * Runs every stage on {@code source}.
     *
     * @throws InputException when the input is bad or leaves too few customers to segment
     */
    public static RunResult run(RunConfig config, TransactionSource source, ProgressListener progress) {
        return run(config, source, progress, Optional.empty());
    }

    /**
     * Runs every stage on {@code source}; with a previous model, segments are matched to its segments
     * by centroid ({@link SegmentMatching}) and take their ids, and {@code model.json}'s provenance
     * records the matching under {@code segment_matching}.
     *
     * @throws InputException when the input is bad or leaves too few customers to segment
     */
    public static RunResult run(RunConfig config, TransactionSource source, ProgressListener progress,
                                Optional<SegmentationModel> previous) {
        Stages stages = new Stages(progress);
        Transactions raw = stages.run("ingest", () -> source.loadToClean(progress), t -> t.linesRead() + " lines");
        DataProfiler.Read[] read = new DataProfiler.Read[1];
        Cleaner.Result cleaned = stages.run("clean", () -> {
            // the profile of the lines read and the cleaning only read them: the profile is taken at the same time
            CompletableFuture<DataProfiler.Read> profiled = CompletableFuture.supplyAsync(() -> DataProfiler.read(raw),
                    runnable -> {
                        Thread t = new Thread(runnable, "retailseg-profile");
                        t.setDaemon(true);
                        t.start();
                    });
            Cleaner.Result kept = Cleaner.clean(raw, config.threads(), (done, total) ->
                    progress.stageProgress("clean", (double) done / total, done, "steps"));
            read[0] = joined(profiled);
            // lines read afresh are nobody else's: the kept lines are copied out, giving up the storage
            // (after the profile of the lines read, which needs it)
            return source.loadsAfresh()
                    ? new Cleaner.Result(kept.lines().compactReleasing(config.threads()), kept.report()) : kept;
        }, c -> c.report().rowsOut() + " lines kept");
        return fit(config, source.name(), source.fingerprint(), raw.linesRead(), cleaned, read[0], previous, stages);
    }

    /**
     * Runs every stage after cleaning on lines that are already clean (e.g. the lines before a time
     * split of a cleaned file); {@code cleaning} is reported as given, and the data profile describes
     * {@code lines} (as both the lines read and the cleaned lines).
     *
     * @param rowsRead lines read from the source the lines came from
     * @param cleaning the cleaning report of those lines' source
     * @throws InputException when the lines leave too few customers to segment
     */
    public static RunResult runCleaned(RunConfig config, String sourceName, long rowsRead, Transactions lines,
                                       CleaningReport cleaning, ProgressListener progress,
                                       Optional<SegmentationModel> previous) {
        return fit(config, sourceName, new TransactionSource.Fingerprint(0, "none"), rowsRead,
                new Cleaner.Result(lines, cleaning), DataProfiler.read(lines), previous, new Stages(progress));
    }

    /** @param raw the lines as read, for the data profile (the clean lines themselves for {@link #runCleaned}) */
    private static RunResult fit(RunConfig config, String sourceName, TransactionSource.Fingerprint fingerprint,
                                 long rowsRead, Cleaner.Result cleaned, DataProfiler.Read raw,
                                 Optional<SegmentationModel> previous, Stages stages) {
        ProgressListener progress = stages.progress();
        Transactions lines = cleaned.lines();
        Seeds seeds = Seeds.of(config.seed());
        // Only ALS draws a seed, so the other recommenders' provenance lists no seed they did not use.
        long alsSeed = config.recommender() == RecommenderKind.ALS ? seeds.seed(Seeds.ALS) : 0;
        SharedGroups groups = new SharedGroups(lines);
        RecommenderTraining training = RecommenderTraining.start(config.recommender(), lines, groups, alsSeed,
                config.threads());
        DataProfile dataProfile = stages.run("explore", () -> DataProfiler.profile(raw, lines, config.threads()),
                p -> p.countries().size() + " countries, " + p.months().size() + " months");
        long referenceDay = lines.size() == 0 ? 0 : FeatureExtractor.lastDay(lines);
        CustomerTable customers = stages.run("features",
                () -> FeatureExtractor.extract(lines, groups.get(), config.compat(), referenceDay, (done, total) ->
                        progress.stageProgress("features", (double) done / total, done, "customers")),
                t -> t.size() + " customers");
        if (customers.size() == 0) {
            throw new InputException(sourceName, "no customer left after cleaning (" + rowsRead
                    + " lines read, " + lines.size() + " kept); lines need a CustomerID, a Description,"
                    + " an ordinary StockCode and a positive UnitPrice");
        }
        if (allCancellations(lines)) {
            // segments would be named after cancellation rates and "best sellers" would be returns
            throw new InputException(sourceName, "every one of the " + lines.size() + " lines kept after cleaning"
                    + " is a cancellation (InvoiceNo starting with C): nothing was bought to segment or recommend");
        }
        CustomerValues.Estimate value = stages.run("customer_value", () -> CustomerValues.estimate(lines,
                groups.get(), customers.customerIds(), referenceDay, config.horizonDays(), config.discountRate(),
                config.threads()),
                e -> e.model().map(m -> "BG/NBD fitted on " + customers.size() + " customers")
                        .orElse("not fitted: " + e.why().orElse("")));
        InputIdentity input = new InputIdentity(sourceName, fingerprint.bytes(), rowsRead, fingerprint.checksum(),
                dataProfile.firstDay(), LocalDate.ofEpochDay(referenceDay).toString());
        SegmentationTrainer.Fit fit = SegmentationTrainer.fit(customers, lines, config, seeds,
                input, previous, value.values(), value.model(), training, groups, stages);
        return new RunResult(sourceName, rowsRead, config, cleaned.report(), customers, fit.outlierScores(),
                fit.outlier(), fit.pcaScores(), fit.kSelection(), fit.segmentation(), fit.metrics(), fit.profiles(),
                fit.recommended().topProducts(), fit.recommended().recommendations(), fit.model(), stages.timings(),
                dataProfile, value.values(), value.why(),
                RecommenderChoice.why(fit.model().recommender().kind(), config.compat()));
    }

    private static boolean allCancellations(Transactions lines) {
        boolean[] cancelled = io.retailseg.clean.Cleaner.cancelledInvoices(lines.invoices());
        for (int i = 0; i < lines.size(); i++) {
            if (!cancelled[lines.invoice(i)]) {
                return false;
            }
        }
        return lines.size() > 0;
    }

    /** The value of {@code future}, or what it threw, as thrown (a one-line error stays one). */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
