package io.retailseg.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs the pipeline's stages, timing each and telling the listener. */
final class Stages {
    private final ProgressListener progress;
    private final Map<String, Long> timings = new LinkedHashMap<>();

    Stages(ProgressListener progress) {
        this.progress = progress;
    }

    <T> T run(String stage, Supplier<T> body, Function<T, String> outcome) {
        progress.stageStarted(stage);
        long start = System.nanoTime();
        T result = body.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        timings.put(stage, millis);
        progress.stageFinished(stage, millis, outcome.apply(result));
        return result;
    }

    ProgressListener progress() {
        return progress;
    }

    /** Wall time per stage so far, in order. */
    Map<String, Long> timings() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }
}
