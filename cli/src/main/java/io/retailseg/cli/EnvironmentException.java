package io.retailseg.cli;

/** The machine lacks something the command needs (e.g. an engine's module): exit code 4. */
final class EnvironmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EnvironmentException(String message) {
        super(message);
    }
}
