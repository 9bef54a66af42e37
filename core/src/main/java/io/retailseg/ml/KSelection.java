package io.retailseg.ml;

import java.util.List;
import java.util.OptionalInt;

/**
 * How k was chosen.
 *
 * @param candidates every k tried, ascending
 * @param chosenK the k used
 * @param elbowK the elbow of the inertia curve (Kneedle), when more than two k were tried
 * @param rule the rule, in words
 * @param reason why this k, in words, with the numbers
 */
public record KSelection(List<KCandidate> candidates, int chosenK, OptionalInt elbowK, String rule, String reason) {
    public KSelection {
        candidates = List.copyOf(candidates);
    }
}
