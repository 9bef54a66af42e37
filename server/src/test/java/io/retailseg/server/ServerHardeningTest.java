package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, serving: decoded-size and line limits (a gzip bomb gets 413 fast and the server stays well),
 * Jetty's own errors as JSON, HEAD like GET, Allow on 405, the security headers. Real HTTP on loopback;
 * raw sockets where the Java client would refuse to send the request.
 */
class ServerHardeningTest {
    private static final TwoRuns RUNS = TwoRuns.INSTANCE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = 5_000_000;
    private static RetailSegServer server;
    private static Http http;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        server = RetailSegServer.start(RetailSegServer.Settings.of(RUNS.folderA).withPort(0).withMaxBodyBytes(LIMIT)
                .withMaxLines(1_000));
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A raw answer: status, headers (lower-case names), body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String type, String encoding, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type);
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return send(b);
    }

    private static void assertJsonError(int status, String contentType, String body, String messagePart)
            throws IOException {
        assertThat(status).as(body).isEqualTo(status);
        assertThat(contentType).startsWith("application/json");
        JsonNode e = JSON.readTree(body);
        assertThat(e.get("status").asInt()).as(body).isEqualTo(status);
        assertThat(e.get("error").asText()).isNotBlank();
        assertThat(e.get("message").asText()).contains(messagePart).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(e.size()).isEqualTo(3);
    }

    private static void assertJsonError(HttpResponse<String> r, int status, String messagePart) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertJsonError(status, r.headers().firstValue("Content-Type").orElse(""), r.body(), messagePart);
    }

    /** Sends raw bytes of an HTTP/1.1 request and reads the answer until the connection closes. */
    private static Raw raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            String text = got.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int c = head[i].indexOf(':');
                headers.put(head[i].substring(0, c).trim().toLowerCase(Locale.ROOT), head[i].substring(c + 1).trim());
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }

    private static byte[] repeatedLinesGzip(long decodedBytes) throws IOException {
        String header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
        byte[] line = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[line.length * 10_000];
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(line, 0, block, i * line.length, line.length);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            gz.write(header.getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < decodedBytes; written += block.length) {
                gz.write(block);
            }
        }
        return bytes.toByteArray();
    }

    private static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aGzipBombIs413FastAndTheServerStaysWell() throws Exception {
        // 1 GB of valid CSV lines in about 1 MB of gzip: inside the limit on the wire, far past it decoded
        byte[] bomb = repeatedLinesGzip(1L << 30);
        assertThat((long) bomb.length).isLessThan(LIMIT);
        long before = usedMemory();
        long started = System.nanoTime();
        for (String encoding : new String[] {"gzip", null, "x-gzip"}) {
            // Content-Encoding: gzip, and a gzip file sent as the body (recognised by its magic bytes)
            assertJsonError(post("/api/score", "text/csv", encoding, bomb), 413,
                    "larger than the limit of " + LIMIT + " bytes (serve --max-body-bytes)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        // at most the limit decoded per request: the heap grows by a few MB, not a GB
        assertThat(usedMemory() - before).isLessThan(64L << 20);
        // gzip inside gzip is decoded under the same limit
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(twice)) {
            gz.write(bomb);
        }
        assertJsonError(post("/api/score", "text/csv", "gzip", twice.toByteArray()), 413, "larger than the limit");
        assertThat(http.get("/api/health").status()).isEqualTo(200);
        long customer = firstCustomer();
        HttpResponse<String> ok = post("/api/score", "text/csv", null, RUNS.csvOf(customer).getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    private static long firstCustomer() {
        return RUNS.a.customers().customerId(0);
    }

    @Test
    void deflateAndGzipEncodingsAreDecodedAndOthersAre415() throws Exception {
        long customer = firstCustomer();
        byte[] csv = RUNS.csvOf(customer).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv);
        }
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
            out.write(csv);
        }
        ByteArrayOutputStream rawDeflate = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(rawDeflate, new java.util.zip.Deflater(6, true))) {
            out.write(csv);
        }
        for (Object[] c : new Object[][] {{"gzip", gz}, {"deflate", zlib}, {"deflate", rawDeflate}, {"identity", null}}) {
            byte[] body = c[1] == null ? csv : ((ByteArrayOutputStream) c[1]).toByteArray();
            HttpResponse<String> r = post("/api/score", "text/csv", (String) c[0], body);
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).at("/customers/0/customer_id").asLong()).isEqualTo(customer);
        }
        assertJsonError(post("/api/score", "text/csv", "br", csv), 415, "Content-Encoding 'br' is not supported");
        assertJsonError(post("/api/score", "text/csv", "gzip", csv), 400, "not valid gzip data");
        assertJsonError(post("/api/score", "text/csv", "deflate", csv), 400, "deflate");
    }

    @Test
    void moreLinesThanTheLimitAre413AsCsvAndAsJson() throws Exception {
        StringBuilder csv = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        StringBuilder json = new StringBuilder("{\"lines\": [");
        for (int i = 0; i < 1_001; i++) {
            csv.append("536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n");
            json.append(i == 0 ? "" : ",").append("{\"InvoiceNo\": \"536365\", \"StockCode\": \"85123A\", \"Quantity\": 6,"
                    + " \"InvoiceDate\": \"2010-12-01 08:26:00\", \"UnitPrice\": 2.55, \"CustomerID\": 17850,"
                    + " \"Country\": \"United Kingdom\"}");
        }
        json.append("]}");
        assertJsonError(post("/api/score", "text/csv", null, csv.toString().getBytes(StandardCharsets.UTF_8)), 413,
                "more than 1000 transaction lines, the limit per request (serve --max-lines)");
        assertJsonError(post("/api/score", "application/json", null, json.toString().getBytes(StandardCharsets.UTF_8)),
                413, "more than 1000 transaction lines");
        // exactly the limit is fine
        String atLimit = csv.substring(0, csv.lastIndexOf("536365"));
        assertThat(post("/api/score", "text/csv", null, atLimit.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void jettysOwnErrorsAreJson() throws IOException {
        Raw longUri = raw("GET /api/customers/" + "1".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(longUri.status()).isEqualTo(414);
        assertJsonError(414, longUri.headers().get("content-type"), longUri.body(), "URI too long");
        assertThat(longUri.headers()).containsEntry("x-content-type-options", "nosniff");

        Raw bigHeaders = raw("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeaders.status()).isEqualTo(431);
        assertJsonError(431, bigHeaders.headers().get("content-type"), bigHeaders.body(), "too large");

        for (String uri : new String[] {"/api/%zz", "/api/customers/%00", "/%2e%2e/%2e%2e/etc/passwd", "/api//health/..;/x",
                "/api/customers/%C0%AF"}) {
            Raw bad = raw("GET " + uri + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(bad.status()).as(uri + " " + bad.body()).isBetween(400, 499);
            assertJsonError(bad.status(), bad.headers().get("content-type"), bad.body(), "");
        }
        Raw badVersion = raw("GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(badVersion.status()).isBetween(400, 505);
        assertJsonError(badVersion.status(), badVersion.headers().get("content-type"), badVersion.body(), "");
        assertThat(http.get("/api/health").status()).isEqualTo(200);
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        for (String path : new String[] {"/api/health", "/api/segments/0", "/", "/openapi.json", "/assets/dashboard.js",
                "/api/customers/1", "/api/nothing"}) {
            HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET());
            Raw head = raw("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(head.status()).as(path).isEqualTo(get.statusCode());
            assertThat(head.headers().get("content-type")).as(path)
                    .isEqualTo(get.headers().firstValue("Content-Type").orElse(null));
            assertThat(head.body()).as(path).isEmpty();
            if (get.statusCode() == 200 && !path.equals("/api/health")) {
                // health names its load time, the same length: all others are byte for byte the same. A body
                // larger than Jetty's output buffer (/openapi.json) is sent chunked, with no length, by both
                java.util.Optional<String> length = get.headers().firstValue("Content-Length");
                assertThat(head.headers().get("content-length")).as(path).isEqualTo(length.orElse(null));
                length.ifPresent(l -> assertThat(l).as(path)
                        .isEqualTo(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length)));
            }
        }
    }

    @Test
    void wrongMethodsAre405WithAllow() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/score")).GET());
        assertJsonError(r, 405, "allowed: POST");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        r = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/customers/5"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));
        assertJsonError(r, 405, "");
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void everyAnswerHasTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/api/health", "/api/nothing", "/docs", "/openapi.json",
                "/assets/dashboard.css"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET());
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            if (path.startsWith("/api/") || path.equals("/openapi.json")) {
                assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            }
        }
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server.url() + "/")).GET());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        // the dashboard has no inline script or style for the policy to refuse
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style")
                .doesNotContain(" style=").doesNotContainPattern("\\son[a-z]+=");
        HttpResponse<String> post = post("/api/score", "text/csv", null, RUNS.csvOf(firstCustomer())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(post.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
