package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz of {@code POST /api/score} with a fixed budget: valid CSV and JSON bodies mutated
 * (byte flips, truncation, swapped fields, huge values, NUL bytes, invalid UTF-8, wrong content types
 * and encodings). Never a 500, never a stack trace or a Java class name, always the JSON error format
 * for a 4xx, and the server still answers at the end. Seed and count: {@code -Dfuzz.seed=}, {@code -Dfuzz.requests=}.
 */
class ScoreFuzzTest {
    private static final TwoRuns RUNS = TwoRuns.INSTANCE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.javalin|org\\.eclipse|com\\.fasterxml|io\\.retailseg|kotlin)\\.[a-zA-Z]"
                    + "|Exception|\\tat |\\.java:\\d");
    private static RetailSegServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        server = RetailSegServer.start(RetailSegServer.Settings.of(RUNS.folderA).withPort(0).withMaxBodyBytes(200_000)
                .withMaxLines(500));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String[] TYPES = {"text/csv", "application/json", "text/csv; charset=utf-8",
        "application/json; charset=latin1", "text/plain", "", "application/x-www-form-urlencoded", "text/csv;;;=",
        "multipart/form-data; boundary=x", "\u00e9/\u00e9"};
    private static final String[] ENCODINGS = {null, null, null, "gzip", "deflate", "br", "gzip, gzip", "identity",
        "x-gzip", "compress", "gzip,,", "GZIP"};

    @Test
    void scoringNeverFailsInternally() throws Exception {
        long seed = Long.getLong("fuzz.seed", 14L);
        int requests = Integer.getInteger("fuzz.requests", 2_000);
        Random random = new Random(seed);
        long[] customers = {RUNS.a.customers().customerId(0), RUNS.a.customers().customerId(1)};
        byte[] csv = RUNS.csvOf(customers).getBytes(StandardCharsets.UTF_8);
        byte[] json = jsonOf(RUNS.csvOf(customers[0]));
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            boolean isJson = random.nextBoolean();
            byte[] body = mutate(random, isJson ? json : csv);
            String type = random.nextInt(4) == 0 ? TYPES[random.nextInt(TYPES.length)]
                    : isJson ? "application/json" : "text/csv";
            String encoding = ENCODINGS[random.nextInt(ENCODINGS.length)];
            if (encoding != null && random.nextInt(3) > 0 && (encoding.contains("gzip") || encoding.equals("GZIP"))) {
                body = gzip(body);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/api/score"))
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (!type.isEmpty()) {
                try {
                    b.header("Content-Type", type);
                } catch (IllegalArgumentException e) {
                    b.header("Content-Type", "text/csv");
                }
            }
            if (encoding != null) {
                b.header("Content-Encoding", encoding);
            }
            HttpResponse<String> r;
            try {
                r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                problems.add("#" + i + " (seed " + seed + ", " + type + ", " + encoding + ", " + body.length
                        + " bytes): no answer: " + e.getMessage());
                continue;
            }
            String what = "#" + i + " (seed " + seed + ", " + type + ", " + encoding + "): " + r.statusCode() + " "
                    + shorten(r.body());
            if (r.statusCode() >= 500) {
                problems.add(what);
                continue;
            }
            if (CLASS_NAME.matcher(r.body()).find()) {
                problems.add("class name or trace: " + what);
            }
            if (r.statusCode() >= 400) {
                try {
                    JsonNode e = JSON.readTree(r.body());
                    if (e == null || e.size() != 3 || e.get("status").asInt() != r.statusCode()
                            || !e.get("message").isTextual() || !e.get("error").isTextual()
                            || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                        problems.add("not the JSON error format: " + what);
                    }
                } catch (IOException e) {
                    problems.add("not JSON: " + what);
                }
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(problems).as("after " + requests + " requests in " + took).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(60));
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> ok = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/score"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** The CSV's lines as the JSON body. */
    private static byte[] jsonOf(String csv) throws IOException {
        String[] names = {"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
            "Country"};
        StringBuilder sb = new StringBuilder("{\"lines\": [");
        String[] lines = csv.split("\n");
        for (int l = 1; l < lines.length; l++) {
            List<String> fields = splitCsv(lines[l]);
            sb.append(l == 1 ? "" : ", ").append('{');
            for (int f = 0; f < names.length; f++) {
                sb.append(f == 0 ? "" : ", ").append('"').append(names[f]).append("\": ")
                        .append(JSON.writeValueAsString(fields.get(f)));
            }
            sb.append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static final String[] HUGE = {"99999999999999999999999999999", "1e309", "-1e309", "NaN", "Infinity",
        "9".repeat(5_000), "0x7fffffff", "-0", "1.7976931348623157E308", "4.9E-324", "\"", "\\", "\u0000",
        "[[[[[[[[[[[[[[[[[[[[", "{\"a\":", "null", "true", "\"\\ud800\"", "2011-13-45 25:61:61", "0000-00-00", "\u202e",
        "x".repeat(70_000)};

    private static byte[] mutate(Random r, byte[] valid) {
        byte[] b = valid.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(10)) {
                case 0 -> { // byte flips
                    for (int n = r.nextInt(8) + 1; n > 0; n--) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncation
                case 2 -> { // NUL bytes
                    for (int n = r.nextInt(5) + 1; n > 0 && b.length > 0; n--) {
                        b[r.nextInt(b.length)] = 0;
                    }
                }
                case 3 -> { // invalid UTF-8
                    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};
                    b = insert(b, r.nextInt(b.length + 1), bad[r.nextInt(bad.length)]);
                }
                case 4 -> b = insert(b, r.nextInt(b.length + 1), HUGE[r.nextInt(HUGE.length)].getBytes(StandardCharsets.UTF_8));
                case 5 -> b = swapFields(r, b);
                case 6 -> b = replaceValue(r, b);
                case 7 -> { // duplicated chunk
                    if (b.length > 2) {
                        int from = r.nextInt(b.length - 1);
                        int to = from + r.nextInt(Math.min(b.length - from, 4_000));
                        b = insert(b, r.nextInt(b.length + 1), java.util.Arrays.copyOfRange(b, from, to));
                    }
                }
                case 8 -> { // structural characters
                    byte[] chars = "{}[],:\"\n\r\t;=".getBytes(StandardCharsets.UTF_8);
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] = chars[r.nextInt(chars.length)];
                    }
                }
                default -> { // nothing: a valid body, to check those still pass
                }
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    /** Swaps two comma-separated fields of the text (field names in JSON, columns in CSV). */
    private static byte[] swapFields(Random r, byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] parts = s.split(",", -1);
        if (parts.length < 3) {
            return b;
        }
        int i = r.nextInt(parts.length);
        int j = r.nextInt(parts.length);
        String t = parts[i];
        parts[i] = parts[j];
        parts[j] = t;
        return String.join(",", parts).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Replaces one comma-separated field by a huge or odd value. */
    private static byte[] replaceValue(Random r, byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] parts = s.split(",", -1);
        if (parts.length < 2) {
            return b;
        }
        int i = r.nextInt(parts.length);
        String v = HUGE[r.nextInt(HUGE.length)];
        parts[i] = r.nextBoolean() ? v : parts[i].replaceAll("[0-9]+(\\.[0-9]+)?", java.util.regex.Matcher.quoteReplacement(v));
        return String.join(",", parts).getBytes(StandardCharsets.ISO_8859_1);
    }
}
