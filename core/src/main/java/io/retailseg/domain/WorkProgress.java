package io.retailseg.domain;

/** Told from time to time how far a long computation got (a stage reports it as progress). */
@FunctionalInterface
public interface WorkProgress {
    /** Ignores the news. */
    WorkProgress NONE = (done, total) -> { };

    /**
     * @param done units of work done so far
     * @param total units of work in all
     */
    void done(long done, long total);
}
