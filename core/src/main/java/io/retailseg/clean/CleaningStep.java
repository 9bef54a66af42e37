package io.retailseg.clean;

/**
 * One cleaning step and how many lines it removed.
 *
 * @param step the step's name in {@code summary.json} (e.g. {@code duplicates})
 * @param removed lines removed by this step
 * @param description what the step removes, in words
 */
public record CleaningStep(String step, long removed, String description) {
}
