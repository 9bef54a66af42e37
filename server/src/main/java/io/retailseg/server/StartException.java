package io.retailseg.server;

/**
 * The server could not start: one line for a person, and whose fault it is. {@link Kind#SETTINGS}: the
 * settings cannot work on this machine (a host that is not an address, or not one of this machine's);
 * {@link Kind#ENVIRONMENT}: the machine refused (the port is in use, binding needs privileges).
 */
public final class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose fault. */
    public enum Kind { SETTINGS, ENVIRONMENT }

    private final Kind kind;

    public StartException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
