package io.retailseg;

import java.util.Optional;

/**
 * Bad input, described for a person: which file, which line and field, what was expected and what
 * was found. The message is one line, e.g.
 * {@code data.csv:17: field 'UnitPrice': expected a number, found "abc"}; control characters
 * are escaped ({@link Echo}), so it stays one line whatever the input held.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String field;

    /**
     * @param source the file (or other source) name
     * @param line 1-based physical line (or spreadsheet row) number, or 0 when not about one line
     * @param field the field (column) name, or {@code null} when not about one field
     * @param problem what was expected and what was found
     */
    public InputException(String source, long line, String field, String problem) {
        super(Echo.escape(format(source, line, field, problem)));
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** A problem with the whole source, not one line of it. */
    public InputException(String source, String problem) {
        this(source, 0, null, problem);
    }

    private static String format(String source, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(problem).toString();
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
