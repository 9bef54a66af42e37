package io.retailseg.pipeline;

/** Told when each stage of a run starts and ends (e.g. to show progress on stderr). */
public interface ProgressListener {
    /** Does nothing. */
    ProgressListener NONE = new ProgressListener() {
    };

    default void stageStarted(String stage) {
    }

    default void stageFinished(String stage, long millis, String outcome) {
    }

    /**
     * Told from time to time during a long stage (from the stage's thread, no more than a few times
     * a second).
     *
     * @param fraction share of the stage done, 0..1, or NaN when unknown
     * @param items items done so far (lines read, customers, k values)
     * @param unit what the items are, plural ("lines")
     */
    default void stageProgress(String stage, double fraction, long items, String unit) {
    }
}
