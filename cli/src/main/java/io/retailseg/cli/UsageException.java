package io.retailseg.cli;

/** A command line that parses but does not make sense (e.g. an output path that is a file). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
