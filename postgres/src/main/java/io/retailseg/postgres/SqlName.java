package io.retailseg.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A table or schema name from the command line, as data: each part is either a plain identifier (letters,
 * digits, {@code _}, {@code $}, not starting with a digit), folded to lower case as PostgreSQL folds an
 * unquoted name, or a double-quoted one kept exactly ({@code ""} for a quote). Anything else is refused, and
 * the name only ever reaches SQL through {@link #quoted()}, so nothing given can be SQL.
 *
 * @param parts the name's parts (one, or schema and table)
 */
public record SqlName(List<String> parts) {
    /** PostgreSQL's NAMEDATALEN - 1: longer names are silently cut by the server, so refused here. */
    static final int MAX_BYTES = 63;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public SqlName {
        parts = List.copyOf(parts);
    }

    /**
     * Parses a name of at most {@code maxParts} parts.
     *
     * @param what the option, for the message ({@code --table})
     * @throws IllegalArgumentException with a one-line message
     */
    public static SqlName parse(String text, int maxParts, String what) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i < text.length() && text.charAt(i) == '"') {
                StringBuilder part = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw refused(text, what, "an unclosed double quote");
                    }
                    char c = text.charAt(j);
                    if (c == '"' && j + 1 < text.length() && text.charAt(j + 1) == '"') {
                        part.append('"');
                        j += 2;
                    } else if (c == '"') {
                        break;
                    } else if (c == 0 || Character.isISOControl(c)) {
                        throw refused(text, what, "a control character");
                    } else {
                        part.append(c);
                        j++;
                    }
                }
                parts.add(checked(part.toString(), text, what));
                i = j + 1;
            } else {
                int end = text.indexOf('.', i);
                String plain = end < 0 ? text.substring(i) : text.substring(i, end);
                if (!PLAIN.matcher(plain).matches()) {
                    throw refused(text, what, "expected letters, digits and _ (or a \"quoted\" name)");
                }
                parts.add(checked(plain.toLowerCase(Locale.ROOT), text, what));
                i = end < 0 ? text.length() : end;
            }
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != '.' || i + 1 == text.length()) {
                throw refused(text, what, "expected NAME or SCHEMA.NAME");
            }
            i++;
        }
        if (parts.size() > maxParts) {
            throw refused(text, what, maxParts == 1 ? "expected one name" : "expected NAME or SCHEMA.NAME");
        }
        return new SqlName(parts);
    }

    private static String checked(String part, String text, String what) {
        if (part.isEmpty()) {
            throw refused(text, what, "an empty name");
        }
        if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw refused(text, what, "longer than " + MAX_BYTES + " bytes");
        }
        return part;
    }

    private static IllegalArgumentException refused(String text, String what, String why) {
        String shown = text.length() > io.retailseg.Echo.MAX_QUOTED
                ? text.substring(0, io.retailseg.Echo.MAX_QUOTED) + "..." : text;
        return new IllegalArgumentException(what + ": not a valid name \"" + shown + "\": " + why);
    }

    /** One identifier quoted for SQL. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The name for SQL: every part double-quoted. */
    public String quoted() {
        return String.join(".", parts.stream().map(SqlName::quote).toList());
    }

    /** The last part (the table's own name). */
    String last() {
        return parts.get(parts.size() - 1);
    }

    @Override
    public String toString() {
        return quoted();
    }
}
