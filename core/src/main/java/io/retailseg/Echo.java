package io.retailseg;

/**
 * How a message shows text that came from the input (a field, a header, a file name): on one line,
 * with every control character escaped, and cut when long. The one helper every message that quotes
 * input uses, so a NUL byte, an escape sequence or a line break in a file never reaches the terminal raw.
 */
public final class Echo {
    /** Longest value quoted in a message, so the message stays one short line. */
    public static final int MAX_QUOTED = 60;

    private Echo() {
    }

    /**
     * {@code text} with control characters (C0, DEL, C1, and the Unicode line and paragraph
     * separators) written as escapes: {@code \n}, {@code \r}, {@code \t}, {@code \0}, else
     * {@code \u001b}. Other text is unchanged, so escaping twice changes nothing more than once.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /** {@code "text"} escaped and cut after {@link #MAX_QUOTED} characters, or "an empty field". */
    public static String quote(String text) {
        if (text.isEmpty()) {
            return "an empty field";
        }
        String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
        return '"' + escape(shown) + '"';
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
