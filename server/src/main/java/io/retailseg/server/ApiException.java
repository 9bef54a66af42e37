package io.retailseg.server;

/**
 * A request the API refuses, with the HTTP status and a one-line message for the caller. Turned into
 * the JSON error body in one place, {@link RetailSegServer}'s exception mapping.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
