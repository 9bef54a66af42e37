package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import java.util.List;
import java.util.Map;

/**
 * Where each {@link Column} sits in a header: by the name {@code --columns} maps it to, else by its
 * Online Retail or Online Retail II name; compared trimmed and case-insensitively. Extra header
 * columns are ignored and the order is free; a repeated name resolves to its first occurrence.
 */
final class HeaderMapping {
    private static final Column[] COLUMNS = Column.values();

    private final int[] indexByColumn;
    private final List<String> header;

    private HeaderMapping(int[] indexByColumn, List<String> header) {
        this.indexByColumn = indexByColumn;
        this.header = header;
    }

    /**
     * @param line the header's line (or row) number, for the error
     * @throws InputException naming the first column that is not in the header
     */
    static HeaderMapping resolve(String source, long line, List<String> header, Map<Column, String> names) {
        int[] index = new int[COLUMNS.length];
        for (Column column : COLUMNS) {
            String mapped = names.get(column);
            List<String> wanted = mapped != null ? List.of(mapped) : column.knownHeaderNames();
            int found = find(header, wanted);
            if (found < 0) {
                throw new InputException(source, line, null, "missing column " + describe(column, mapped)
                        + "; the header has: " + listed(header));
            }
            index[column.ordinal()] = found;
        }
        return new HeaderMapping(index, List.copyOf(header));
    }

    /** Header names shown in a message: the first {@value #SHOWN} (each cut when long), then how many more. */
    static final int SHOWN = 20;

    static String listed(List<String> header) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, header.size()); i++) {
            String name = header.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(name.length() > io.retailseg.Echo.MAX_QUOTED
                    ? name.substring(0, io.retailseg.Echo.MAX_QUOTED) + "..." : name);
        }
        if (header.size() > SHOWN) {
            sb.append(String.format(java.util.Locale.ROOT, " ... and %,d more", header.size() - SHOWN));
        }
        return sb.toString();
    }

    private static int find(List<String> header, List<String> wanted) {
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            for (String w : wanted) {
                if (name.equalsIgnoreCase(w.trim())) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String describe(Column column, String mapped) {
        if (mapped != null) {
            return "'" + mapped + "' (for " + column.canonicalName() + ")";
        }
        List<String> known = column.knownHeaderNames();
        StringBuilder sb = new StringBuilder("'").append(known.get(0)).append('\'');
        for (String other : known.subList(1, known.size())) {
            sb.append(" (or '").append(other).append("')");
        }
        return sb.toString();
    }

    /** Index in the header (and in each line) of {@code column}. */
    int index(Column column) {
        return indexByColumn[column.ordinal()];
    }

    /** Number of fields in the header. */
    int width() {
        return header.size();
    }

    /** The name to report for the field at {@code index}: a column's canonical name, else the header's. */
    String fieldName(int index) {
        for (Column column : COLUMNS) {
            if (indexByColumn[column.ordinal()] == index) {
                return column.canonicalName();
            }
        }
        return header.get(index).trim();
    }
}
