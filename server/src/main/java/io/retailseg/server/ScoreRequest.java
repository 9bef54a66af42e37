package io.retailseg.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    static Transactions parse(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = type.equals(JSON_TYPE);
        boolean csv = type.equals(CSV_TYPE) || type.equals("application/csv");
        if (!json && !csv) {
            throw new ApiException(415, "Content-Type " + (type.isEmpty() ? "missing" : "'" + type + "'")
                    + ": expected " + JSON_TYPE + " or " + CSV_TYPE);
        }
        if (isBlank(body)) {
            throw ApiException.badRequest("empty body: expected transaction lines as "
                    + (json ? "JSON {\"lines\": [...]}" : "CSV with a header line"));
        }
        Transactions lines = json ? fromJson(body) : TransactionReader.readCsv(SOURCE, new ByteArrayInputStream(body),
                IngestOptions.defaults());
        if (lines.size() == 0) {
            throw ApiException.badRequest(SOURCE + ": no transaction line found");
        }
        return lines;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static Transactions fromJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest(SOURCE + ": malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest(SOURCE + ": cannot read: " + e.getMessage());
        }
        JsonNode array = root != null && root.isObject() ? root.get("lines") : root;
        if (array == null || !array.isArray()) {
            throw ApiException.badRequest(SOURCE + ": expected {\"lines\": [...]} or an array of lines");
        }
        List<String[]> lines = new ArrayList<>(array.size());
        int index = 0;
        for (JsonNode line : array) {
            index++;
            if (!line.isObject()) {
                throw ApiException.badRequest(SOURCE + ": line " + index + ": expected an object with the fields "
                        + columnNames() + ", found " + line.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            String[] fields = new String[Column.values().length];
            Iterator<Map.Entry<String, JsonNode>> it = line.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Column column = column(e.getKey(), index);
                JsonNode v = e.getValue();
                if (v.isNull()) {
                    continue;
                }
                if (!v.isTextual() && !v.isNumber()) {
                    throw ApiException.badRequest(SOURCE + ": line " + index + ": field '" + column.canonicalName()
                            + "': expected a string or a number, found " + v.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                fields[column.ordinal()] = v.asText();
            }
            lines.add(fields);
        }
        return TransactionReader.readFields(SOURCE, lines, IngestOptions.defaults());
    }

    private static Column column(String name, int index) {
        for (Column c : Column.values()) {
            if (c.canonicalName().equals(name)) {
                return c;
            }
        }
        throw ApiException.badRequest(SOURCE + ": line " + index + ": unknown field '" + name + "', expected "
                + columnNames());
    }

    private static String columnNames() {
        List<String> names = new ArrayList<>();
        for (Column c : Column.values()) {
            names.add(c.canonicalName());
        }
        return String.join(", ", names);
    }
}
