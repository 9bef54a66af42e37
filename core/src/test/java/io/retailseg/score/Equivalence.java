package io.retailseg.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Transactions;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentationModel;
import io.retailseg.pipeline.RunResult;
import io.retailseg.recommend.Recommendation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compares a run's per-customer results with scoring the same customers' lines with its saved model. */
final class Equivalence {
    private Equivalence() {
    }

    /** The run's model written to {@code model.json} and read back, as the CLI and the server get it. */
    static Scorer scorerFromFile(RunResult run, Path folder) throws IOException {
        Path file = folder.resolve("model.json");
        Files.write(file, ModelCodec.toJson(run.model()));
        SegmentationModel model = ModelCodec.read(file);
        return Scorer.of(model);
    }

    /** Counts customers whose scored features, flag, segment and recommendations equal the run's. */
    record Outcome(int customers, int identical, List<String> differences) {
    }

    static Outcome compare(RunResult run, List<ScoredCustomer> scored) {
        Map<Long, ScoredCustomer> byId = new HashMap<>();
        scored.forEach(s -> byId.put(s.customerId(), s));
        Map<Long, List<Recommendation>> recommended = run.recommendations().stream()
                .collect(Collectors.groupingBy(Recommendation::customerId));
        int identical = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < run.customers().size(); i++) {
            long id = run.customers().customerId(i);
            ScoredCustomer s = byId.get(id);
            String problem = null;
            if (s == null) {
                problem = "not scored";
            } else if (!Arrays.equals(s.features(), run.customers().row(i))) {
                problem = "features " + Arrays.toString(s.features()) + " vs " + Arrays.toString(run.customers().row(i));
            } else if (s.outlier() != run.outlier()[i] || s.outlierScore() != run.outlierScore()[i]) {
                problem = "outlier " + s.outlierScore() + " vs " + run.outlierScore()[i];
            } else if (s.segment() != run.segmentation().segmentAt(i).orElse(-1)) {
                problem = "segment " + s.segment() + " vs " + run.segmentation().segmentAt(i).orElse(-1);
            } else if (!s.recommendations().equals(recommended.getOrDefault(id, List.of()))) {
                problem = "recommendations " + s.recommendations() + " vs " + recommended.get(id);
            } else if (!s.outlier() && !s.segmentName().equals(run.profiles().get(s.segment()).name())) {
                problem = "segment name " + s.segmentName();
            }
            if (problem == null) {
                identical++;
            } else if (differences.size() < 10) {
                differences.add("customer " + id + ": " + problem);
            }
        }
        assertThat(scored).hasSize(run.customers().size());
        return new Outcome(run.customers().size(), identical, differences);
    }

    /**
     * Each customer's raw lines on their own, in file order, in fresh dictionaries (as a request
     * holding one customer's lines would arrive).
     */
    static Map<Long, Transactions> linesPerCustomer(Transactions raw) {
        Map<Long, Transactions.Builder> builders = new HashMap<>();
        for (int r = 0; r < raw.size(); r++) {
            long id = raw.customerId(r);
            if (id == Transactions.MISSING_CUSTOMER) {
                continue;
            }
            builders.computeIfAbsent(id, x -> new Transactions.Builder()).add(raw.invoiceText(r),
                    raw.stockCodeText(r), raw.description(r) == Transactions.MISSING_DESCRIPTION ? null
                            : raw.descriptionText(r), raw.quantity(r), raw.epochSecond(r), raw.unitPrice(r), id,
                    raw.countryText(r));
        }
        Map<Long, Transactions> out = new HashMap<>();
        builders.forEach((id, b) -> out.put(id, b.build()));
        return out;
    }

    /** Scores every customer alone. */
    static List<ScoredCustomer> scoreOneByOne(Scorer scorer, Transactions raw) {
        List<ScoredCustomer> all = new ArrayList<>();
        for (Transactions one : linesPerCustomer(raw).values()) {
            all.addAll(scorer.score(one).customers());
        }
        return all;
    }
}
