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
}
