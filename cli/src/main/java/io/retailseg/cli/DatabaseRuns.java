package io.retailseg.cli;

import io.retailseg.postgres.PublishedRuns;
import io.retailseg.recommend.Recommendation;
import io.retailseg.server.RunProvider;
import io.retailseg.server.RunSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code serve --run postgresql://...}: the server's runs read from the database they were published to, the
 * newest (or {@code --run-id}) at the start and on a reload without a run, a named run id on a reload with one.
 */
final class DatabaseRuns implements RunProvider {
    private final PublishedRuns runs;
    private final Optional<String> fixedRunId;

    DatabaseRuns(PublishedRuns runs, Optional<String> fixedRunId) {
        this.runs = runs;
        this.fixedRunId = fixedRunId;
    }

    @Override
    public RunSnapshot load(Optional<String> run) {
        PublishedRuns.Run r = runs.run(run.isPresent() ? run : fixedRunId);
        List<RunSnapshot.Customer> customers = new ArrayList<>(r.customers().size());
        List<Recommendation> recs = r.recommendations();
        int next = 0;
        for (PublishedRuns.Customer c : r.customers()) {
            List<RunSnapshot.Pick> picks = new ArrayList<>();
            while (next < recs.size() && recs.get(next).customerId() == c.id()) {
                Recommendation rec = recs.get(next++);
                picks.add(new RunSnapshot.Pick(rec.rank(), rec.stockCode(), rec.description(), rec.score(), rec.reason()));
            }
            customers.add(new RunSnapshot.Customer(c.id(), c.features(), c.outlier(), c.segment(), List.copyOf(picks),
                    c.value()));
        }
        return RunSnapshot.of(r.runId(), runs.describe(), r.model(), r.summary(), customers);
    }
}
