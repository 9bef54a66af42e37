package io.retailseg.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes the body of {@code POST /api/score} into transaction lines, by the same decoder as files:
 * {@code text/csv} is a CSV file's text (header line first, any UCI layout the reader knows);
 * {@code application/json} is {@code {"lines": [{"InvoiceNo": "536365", "StockCode": "85123A", ...}]}}
 * (or the array alone) with the eight canonical column names as keys and strings or numbers as values.
 */
final class ScoreRequest {
    /** Name of the body in error messages. */
    static final String SOURCE = "request body";
    static final String JSON_TYPE = "application/json";
    static final String CSV_TYPE = "text/csv";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScoreRequest() {
    }

    /**
     * The lines of a body (already decoded, see {@link RequestBody}).
     *
     * @param maxLines the most transaction lines accepted (413 beyond)
     */
    static Transactions parse(String contentType, byte[] body, int maxLines) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = type.equals(JSON_TYPE);
        boolean csv = type.equals(CSV_TYPE) || type.equals("application/csv");
        if (!json && !csv) {
            throw new ApiException(415, "Content-Type " + (type.isEmpty() ? "missing" : "'" + printable(type) + "'")
                    + ": expected " + JSON_TYPE + " or " + CSV_TYPE);
        }
        if (isBlank(body)) {
            throw ApiException.badRequest("empty body: expected transaction lines as "
                    + (json ? "JSON {\"lines\": [...]}" : "CSV with a header line"));
        }
        Transactions lines;
        if (json) {
            lines = fromJson(body, maxLines);
        } else {
            checkCsvLines(body, maxLines);
            lines = TransactionReader.readCsv(SOURCE, new ByteArrayInputStream(body), IngestOptions.defaults());
        }
        if (lines.size() == 0) {
            throw ApiException.badRequest(SOURCE + ": no transaction line found");
        }
        return lines;
    }

    private static ApiException tooManyLines(int maxLines) {
        return new ApiException(413, SOURCE + ": more than " + maxLines + " transaction lines, the limit per request"
                + " (serve --max-lines); send them in several requests");
    }

    /** Counts line ends before parsing: a CSV of more physical lines than the limit (header aside) is refused. */
    private static void checkCsvLines(byte[] body, int maxLines) {
        long lines = 0;
        for (byte b : body) {
            if (b == '\n') {
                lines++;
            }
        }
        if (body[body.length - 1] != '\n') {
            lines++;
        }
        if (lines - 1 > maxLines) {
            throw tooManyLines(maxLines);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** Streams the JSON: one line object in memory at a time as a tree, counted against the limit. */
    private static Transactions fromJson(byte[] body, int maxLines) {
        List<String[]> lines = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken t = p.nextToken();
            boolean found = false;
            if (t == JsonToken.START_ARRAY) {
                readLines(p, lines, maxLines);
                found = true;
            } else if (t == JsonToken.START_OBJECT) {
                for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if (name.equals("lines") && t == JsonToken.START_ARRAY && !found) {
                        readLines(p, lines, maxLines);
                        found = true;
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (!found) {
                throw ApiException.badRequest(SOURCE + ": expected {\"lines\": [...]} or an array of lines");
            }
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest(SOURCE + ": JSON nested too deeply, or a number or string too long");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest(SOURCE + ": malformed JSON" + where + ": " + jacksonProblem(e));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest(SOURCE + ": cannot read the JSON");
        }
        return TransactionReader.readFields(SOURCE, lines, IngestOptions.defaults());
    }

    private static void readLines(JsonParser p, List<String[]> lines, int maxLines) throws java.io.IOException {
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw ApiException.badRequest(SOURCE + ": malformed JSON: unexpected end of the body");
            }
            index++;
            if (index > maxLines) {
                throw tooManyLines(maxLines);
            }
            if (t != JsonToken.START_OBJECT) {
                throw ApiException.badRequest(SOURCE + ": line " + index + ": expected an object with the fields "
                        + columnNames() + ", found " + kind(t));
            }
            String[] fields = new String[Column.values().length];
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                Column column = column(p.currentName(), index);
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw ApiException.badRequest(SOURCE + ": line " + index + ": field '" + column.canonicalName()
                            + "': expected a string or a number, found " + kind(v));
                }
                fields[column.ordinal()] = p.getValueAsString();
            }
            lines.add(fields);
        }
    }

    private static String kind(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }

    /** Jackson's own words, first line, without the parts that name Java classes or methods. */
    private static String jacksonProblem(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "not valid JSON" : e.getOriginalMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        m = m.replaceAll("\\s*\\(from `[^`]*`\\)", "").replaceAll("`[^`]*`", "a setting").replace("StreamReadConstraints", "the parser's limits");
        return printable(m.length() > 200 ? m.substring(0, 200) + "..." : m);
    }

    /** Control characters replaced, so that a message is one printable line. */
    static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static Column column(String name, int index) {
        for (Column c : Column.values()) {
            if (c.canonicalName().equals(name)) {
                return c;
            }
        }
        throw ApiException.badRequest(SOURCE + ": line " + index + ": unknown field '" + shorten(printable(name))
                + "', expected "
                + columnNames());
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String columnNames() {
        List<String> names = new ArrayList<>();
        for (Column c : Column.values()) {
            names.add(c.canonicalName());
        }
        return String.join(", ", names);
    }
}
