package io.retailseg;

/**
 * The input needs more memory than Java was given: raised before the memory runs out, with a
 * one-line message saying how much is needed and how to give more, instead of an
 * {@link OutOfMemoryError} halfway through.
 */
public final class MemoryLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemoryLimitException(String message) {
        super(message);
    }
}
