package io.retailseg.io;

/** What reading does with a line it cannot parse (a wrong field count, a number or date that is not one). */
public enum BadLinePolicy {
    /** Stop at the first bad line with one line naming the file, line, field and what was expected (the default). */
    ERROR,
    /**
     * Drop bad lines while reading, counting them per reason and keeping the first 20 messages
     * ({@link io.retailseg.domain.BadLines}); a CSV file whose quoting cannot be parsed still stops.
     */
    SKIP
}
