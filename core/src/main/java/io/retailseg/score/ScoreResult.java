package io.retailseg.score;

import io.retailseg.clean.CleaningReport;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of scoring lines with a saved model.
 *
 * @param cleaning what cleaning removed from the lines given
 * @param customers the scored customers, by ascending id
 * @param notScored customers that had lines but could not be scored, with the reason, by ascending id
 */
public record ScoreResult(CleaningReport cleaning, List<ScoredCustomer> customers, Map<Long, String> notScored) {
    public ScoreResult {
        customers = List.copyOf(customers);
        notScored = Collections.unmodifiableMap(new TreeMap<>(notScored));
    }
}
