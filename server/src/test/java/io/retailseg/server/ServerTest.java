package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.retailseg.domain.Feature;
import io.retailseg.pipeline.RunResult;
import io.retailseg.recommend.Recommendation;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real server on a random loopback port, called over real HTTP: every endpoint, and every error
 * status with its JSON body. Expected values come from the {@link RunResult} the run folder was
 * written from.
 */
class ServerTest {
    private static final String TOKEN = "s3cret-token";
    private static final TwoRuns RUNS = TwoRuns.INSTANCE;
    private static RetailSegServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = RetailSegServer.start(RetailSegServer.Settings.of(RUNS.folderA).withPort(0).withAdminToken(TOKEN)
                .withMaxBodyBytes(1_000_000));
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertError(Http.Reply r, int status, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode e = r.json();
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.get("error").asText()).isNotBlank();
        assertThat(e.get("message").asText()).contains(messagePart).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(e.size()).isEqualTo(3);
    }

    private static long customerOf(RunResult run, boolean outlier) {
        for (int i = 0; i < run.customers().size(); i++) {
            if (run.outlier()[i] == outlier) {
                return run.customers().customerId(i);
            }
        }
        throw new AssertionError("no such customer");
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertThat(RetailSegServer.Settings.of(RUNS.folderA).host()).isEqualTo("127.0.0.1");
        assertThat(server.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void healthNamesTheLoadedRun() {
        JsonNode h = http.get("/api/health").json();
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("run").asText()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}").isEqualTo(server.runId());
        assertThat(h.get("customers").asInt()).isEqualTo(RUNS.a.customers().size());
        assertThat(h.get("segments").asInt()).isEqualTo(3);
    }

    @Test
    void summaryHasCleaningKAndWhyAndMetrics() {
        JsonNode s = http.get("/api/summary").json();
        assertThat(s.get("run").asText()).isEqualTo(server.runId());
        assertThat(s.at("/cleaning/rows_out").asLong()).isEqualTo(RUNS.a.cleaning().rowsOut());
        assertThat(s.at("/k_selection/chosen_k").asInt()).isEqualTo(3);
        assertThat(s.at("/k_selection/reason").asText()).isNotBlank();
        assertThat(s.at("/metrics/silhouette").asDouble()).isEqualTo(RUNS.a.metrics().silhouette());
    }

    @Test
    void segmentsHaveNameSizeProfileAndTopProducts() {
        JsonNode all = http.get("/api/segments").json().get("segments");
        assertThat(all).hasSize(3);
        for (int id = 0; id < 3; id++) {
            JsonNode s = all.get(id);
            assertThat(s.get("id").asInt()).isEqualTo(id);
            assertThat(s.get("name").asText()).isEqualTo(RUNS.a.profiles().get(id).name());
            assertThat(s.get("size").asInt()).isEqualTo(RUNS.a.profiles().get(id).size());
            assertThat(s.at("/standardized_means/Total_Spend").asDouble())
                    .isEqualTo(RUNS.a.profiles().get(id).standardizedMeans()[Feature.TOTAL_SPEND.ordinal()]);
            int segment = id;
            assertThat(s.get("top_products"))
                    .hasSize((int) RUNS.a.topProducts().stream().filter(p -> p.segment() == segment).count());
            JsonNode one = http.get("/api/segments/" + id).json();
            assertThat(one.get("name").asText()).isEqualTo(s.get("name").asText());
            assertThat(one.at("/top_products/0/stock_code").asText())
                    .isEqualTo(RUNS.a.topProducts().stream().filter(p -> p.segment() == one.get("id").asInt())
                            .findFirst().orElseThrow().stockCode());
        }
        assertError(http.get("/api/segments/3"), 404, "no segment 3");
        assertError(http.get("/api/segments/-1"), 404, "no segment -1");
        assertError(http.get("/api/segments/abc"), 400, "expected a whole number, found \"abc\"");
    }

    @Test
    void aCustomerHasFeaturesOutlierFlagSegmentAndRecommendations() {
        RunResult run = RUNS.a;
        for (boolean outlier : new boolean[] {false, true}) {
            long id = customerOf(run, outlier);
            int row = run.customers().rowOf(id);
            JsonNode c = http.get("/api/customers/" + id).json();
            assertThat(c.get("customer_id").asLong()).isEqualTo(id);
            assertThat(c.get("is_outlier").asBoolean()).isEqualTo(outlier);
            for (Feature f : Feature.values()) {
                assertThat(c.at("/features/" + f.columnName()).asDouble()).isEqualTo(run.customers().value(row, f));
            }
            List<String> want = run.recommendations().stream().filter(r -> r.customerId() == id)
                    .map(Recommendation::stockCode).toList();
            List<String> got = new ArrayList<>();
            c.get("recommendations").forEach(r -> got.add(r.get("stock_code").asText()));
            assertThat(got).isEqualTo(want);
            if (outlier) {
                assertThat(c.get("segment").isNull()).isTrue();
                assertThat(got).isEmpty();
            } else {
                assertThat(c.get("segment").asInt()).isEqualTo(run.segmentation().segmentAt(row).orElse(-1));
                assertThat(c.get("segment_name").asText()).isEqualTo(run.profiles().get(run.segmentation().segmentAt(row).orElse(-1)).name());
                assertThat(got).isNotEmpty();
            }
        }
        assertError(http.get("/api/customers/1"), 404, "no customer 1");
        assertError(http.get("/api/customers/12x"), 400, "customer id: expected a whole number, found \"12x\"");
    }

    @Test
    void customersArePagedAndFilteredBySegment() {
        JsonNode page = http.get("/api/customers?limit=7&offset=5").json();
        assertThat(page.get("total").asInt()).isEqualTo(RUNS.a.customers().size());
        assertThat(page.get("customers")).hasSize(7);
        assertThat(page.at("/customers/0/customer_id").asLong()).isEqualTo(RUNS.a.customers().customerId(5));
        assertThat(http.get("/api/customers").json().get("customers")).hasSize(Api.DEFAULT_LIMIT);

        long inSegment1 = RUNS.a.segmentation().sizes()[1];
        JsonNode seg = http.get("/api/customers?segment=1&limit=1000").json();
        assertThat(seg.get("total").asLong()).isEqualTo(inSegment1);
        assertThat(seg.get("customers")).hasSize((int) Math.min(1000, inSegment1));
        seg.get("customers").forEach(c -> assertThat(c.get("segment").asInt()).isEqualTo(1));
        JsonNode past = http.get("/api/customers?offset=100000").json();
        assertThat(past.get("customers")).isEmpty();

        assertError(http.get("/api/customers?segment=9"), 404, "no segment 9");
        assertError(http.get("/api/customers?segment=x"), 400, "segment: expected a whole number");
        assertError(http.get("/api/customers?limit=0"), 400, "'limit': expected 1..1000, found 0");
        assertError(http.get("/api/customers?limit=1001"), 400, "'limit': expected 1..1000");
        assertError(http.get("/api/customers?offset=-1"), 400, "'offset': expected 0..");
        assertError(http.get("/api/customers?limit=ten"), 400, "'limit': expected a whole number, found \"ten\"");
    }

    @Test
    void scoringCsvLinesOfTrainingCustomersGivesTheirRunResult() {
        long in = customerOf(RUNS.a, false);
        long out = customerOf(RUNS.a, true);
        JsonNode r = http.post("/api/score", "text/csv; charset=utf-8", RUNS.csvOf(in, out)).json();
        assertThat(r.get("run").asText()).isEqualTo(server.runId());
        assertThat(r.get("customers")).hasSize(2);
        for (JsonNode c : r.get("customers")) {
            long id = c.get("customer_id").asLong();
            int row = RUNS.a.customers().rowOf(id);
            assertThat(c.get("is_outlier").asBoolean()).isEqualTo(RUNS.a.outlier()[row]);
            assertThat(c.get("segment").isNull() ? -1 : c.get("segment").asInt()).isEqualTo(RUNS.a.segmentation().segmentAt(row).orElse(-1));
            assertThat(c.at("/features/Total_Spend").asDouble())
                    .isEqualTo(RUNS.a.customers().value(row, Feature.TOTAL_SPEND));
            List<String> got = new ArrayList<>();
            c.get("recommendations").forEach(x -> got.add(x.get("stock_code").asText()));
            assertThat(got).isEqualTo(RUNS.a.recommendations().stream().filter(x -> x.customerId() == id)
                    .map(Recommendation::stockCode).toList());
        }
    }

    @Test
    void aGzipCompressedCsvBodyIsReadLikeAGzipFile() throws java.io.IOException {
        long in = customerOf(RUNS.a, false);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(RUNS.csvOf(in).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonNode r = http.post("/api/score", "text/csv", HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()),
                null).json();
        assertThat(r.at("/customers/0/customer_id").asLong()).isEqualTo(in);
        assertThat(r.at("/customers/0/segment").asInt()).isEqualTo(RUNS.a.segmentation().segmentAt(RUNS.a.customers().rowOf(in)).orElse(-1));
    }

    @Test
    void scoringJsonLinesForANewCustomer() {
        String body = """
                {"lines": [
                  {"InvoiceNo": "990001", "StockCode": "85123A", "Description": "WHITE HANGING HEART", "Quantity": 6,
                   "InvoiceDate": "2011-11-20 10:15:00", "UnitPrice": 2.55, "CustomerID": 99999, "Country": "United Kingdom"},
                  {"InvoiceNo": "990001", "StockCode": "22423", "Description": "REGENCY CAKESTAND", "Quantity": "2",
                   "InvoiceDate": "2011-11-20 10:15:00", "UnitPrice": "12.75", "CustomerID": "99999.0", "Country": "United Kingdom"},
                  {"InvoiceNo": "990002", "StockCode": "POST", "Description": "POSTAGE", "Quantity": 1,
                   "InvoiceDate": "2011-11-21 10:15:00", "UnitPrice": 18, "CustomerID": 99998, "Country": "France"},
                  {"InvoiceNo": "990003", "StockCode": "22423", "Description": null, "Quantity": 1,
                   "InvoiceDate": "2011-11-21 10:15:00", "UnitPrice": 18, "Country": "France"}
                ]}""";
        JsonNode r = http.post("/api/score", "application/json", body).json();
        assertThat(r.get("lines").asInt()).isEqualTo(4);
        assertThat(r.get("customers")).hasSize(1);
        JsonNode c = r.get("customers").get(0);
        assertThat(c.get("customer_id").asLong()).isEqualTo(99999);
        assertThat(c.at("/features/Total_Spend").asDouble()).isEqualTo(6 * 2.55 + 2 * 12.75);
        assertThat(c.at("/features/Total_Transactions").asInt()).isEqualTo(1);
        assertThat(c.get("outlier_score").asDouble()).isBetween(0.0, 1.0);
        if (!c.get("is_outlier").asBoolean()) {
            assertThat(c.get("segment_name").asText()).isNotBlank();
            c.get("recommendations").forEach(x -> assertThat(x.get("stock_code").asText()).isNotIn("85123A", "22423"));
        }
        assertThat(r.at("/not_scored/0/customer_id").asLong()).isEqualTo(99998);
        assertThat(r.at("/cleaning/rows_in").asInt()).isEqualTo(4);
        assertThat(r.at("/cleaning/steps/0/removed").asInt()).isEqualTo(1);
        // a bare array works too
        JsonNode bare = http.post("/api/score", "application/json", "[" + body.substring(body.indexOf('[') + 1,
                body.lastIndexOf(']')) + "]").json();
        assertThat(bare.get("customers")).hasSize(1);
    }

    @Test
    void malformedOrEmptyBodiesAre400WithTheReason() {
        assertError(http.post("/api/score", "application/json", "{\"lines\": [ {\"InvoiceNo\": "), 400,
                "malformed JSON at line 1");
        assertError(http.post("/api/score", "application/json", "{\"rows\": []}"), 400, "expected {\"lines\": [...]}");
        assertError(http.post("/api/score", "application/json", "[1, 2]"), 400, "line 1: expected an object");
        assertError(http.post("/api/score", "application/json", "[{\"Quantity\": [1]}]"), 400,
                "line 1: field 'Quantity': expected a string or a number, found array");
        assertError(http.post("/api/score", "application/json", "[{\"Qty\": 1}]"), 400, "unknown field 'Qty'");
        assertError(http.post("/api/score", "application/json", "[{\"InvoiceNo\": \"1\"}]"), 400,
                "request body:1: field 'StockCode': expected a value, found none");
        assertError(http.post("/api/score", "application/json", "[{\"InvoiceNo\": \"1\", \"StockCode\": \"22423\","
                + " \"Quantity\": \"two\", \"InvoiceDate\": \"2011-11-21 10:15:00\", \"UnitPrice\": 1,"
                + " \"CustomerID\": 5, \"Country\": \"France\"}]"), 400,
                "request body:1: field 'Quantity': expected a whole number, found \"two\"");
        assertError(http.post("/api/score", "application/json", "[]"), 400, "no transaction line");
        assertError(http.post("/api/score", "application/json", ""), 400, "empty body");
        assertError(http.post("/api/score", "text/csv", "  \n"), 400, "empty body");
        assertError(http.post("/api/score", "text/csv",
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                        + "1,22423,CAKESTAND,2,2011-11-21 10:15:00,abc,5,France\n"), 400,
                "request body:2: field 'UnitPrice': expected a number, found \"abc\"");
        assertError(http.post("/api/score", "text/csv", "Foo,Bar\n1,2\n"), 400, "request body");
        assertError(http.post("/api/score", "text/csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,"
                + "UnitPrice,CustomerID,Country\n\"unterminated,1\n"), 400, "request body");
    }

    @Test
    void wrongContentTypeIs415() {
        assertError(http.post("/api/score", "text/plain", "hello"), 415, "expected application/json or text/csv");
        assertError(http.post("/api/score", null, "hello"), 415, "Content-Type missing");
        assertError(http.post("/api/score", "application/xml", "<a/>"), 415, "'application/xml'");
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutContentLength() {
        String huge = RUNS.csvOf() + "x".repeat(1_000_001);
        byte[] bytes = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // repeated: a client that sends the whole body before reading must get the 413, not a closed
        // connection (it did, now and then, before refused bodies were drained)
        for (int i = 0; i < 25; i++) {
            assertError(http.post("/api/score", "text/csv", huge), 413, "larger than the limit of 1000000 bytes");
            // a streamed body has no Content-Length (chunked): the limit holds all the same
            HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(bytes));
            assertError(http.post("/api/score", "text/csv", chunked, null), 413, "larger than the limit");
        }
        assertThat(http.get("/api/health").status()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405AsJson() {
        assertError(http.get("/api/nothing"), 404, "/api/nothing");
        assertError(http.get("/nope.html"), 404, "");
        assertError(http.method("DELETE", "/api/health"), 405, "");
        assertError(http.get("/api/score"), 405, "");
        assertError(http.method("PUT", "/api/customers/1"), 405, "");
    }

    @Test
    void reloadNeedsTheTokenAndKeepsTheRunOnABadFolder() {
        String before = server.runId();
        assertError(http.post("/api/admin/reload", null, HttpRequest.BodyPublishers.noBody(), null), 401, "Bearer");
        assertError(http.post("/api/admin/reload", null, HttpRequest.BodyPublishers.noBody(), "wrong"), 403,
                "wrong admin token");
        // a folder that does not exist is 404, like any path outside the runs root (ReloadConfinementTest)
        assertError(http.post("/api/admin/reload?run=" + RUNS.root.resolve("missing"), null,
                HttpRequest.BodyPublishers.noBody(), TOKEN), 404, "no run folder");
        assertError(http.post("/api/admin/reload", "application/json", HttpRequest.BodyPublishers.ofString("{\"run\":"),
                TOKEN), 400, "malformed JSON");
        assertThat(server.runId()).isEqualTo(before);
        JsonNode same = http.post("/api/admin/reload", null, HttpRequest.BodyPublishers.noBody(), TOKEN).json();
        assertThat(same.get("run").asText()).isEqualTo(before);
    }

    @Test
    void reloadWithoutAConfiguredTokenIsDisabled() {
        try (RetailSegServer open = RetailSegServer.start(RetailSegServer.Settings.of(RUNS.folderA).withPort(0))) {
            Http h = new Http(open.url());
            assertError(h.post("/api/admin/reload", null, HttpRequest.BodyPublishers.noBody(), "anything"), 403,
                    "reload is disabled");
        }
    }

    @Test
    void openApiDocumentsExactlyTheRegisteredRoutes() {
        JsonNode doc = http.get("/openapi.json").json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        List<String> all = server.javalin().unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
        // HEAD is registered for every GET route, from the same list, and documented with it (RFC 9110: HEAD is GET
        // without the body)
        // BEFORE * is the security headers' filter (Headers), not an endpoint
        List<String> registered = all.stream().filter(m -> !m.startsWith("HEAD ") && !m.equals("BEFORE *")).toList();
        assertThat(all.stream().filter(m -> m.startsWith("HEAD ")).map(m -> m.substring(5)).toList())
                .containsExactlyInAnyOrderElementsOf(registered.stream().filter(m -> m.startsWith("GET "))
                        .map(m -> m.substring(4)).toList());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
        assertThat(registered).contains("GET /api/health", "GET /api/summary", "GET /api/segments",
                "GET /api/segments/{id}", "GET /api/customers/{id}", "GET /api/customers", "POST /api/score",
                "POST /api/admin/reload", "GET /openapi.json", "GET /docs", "GET /");
        assertThat(doc.at("/paths/~1api~1score/post/responses").has("415")).isTrue();
        assertThat(doc.at("/paths/~1api~1score/post/requestBody/content").has("text/csv")).isTrue();
    }

    @Test
    void docsAndDashboardLoadTheirScriptsFromThisServer() {
        Http.Reply docs = http.get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.contentType()).startsWith("text/html");
        String bundle = docs.body().replaceAll("(?s).*src=\"([^\"]*swagger-ui-bundle.js)\".*", "$1");
        assertThat(bundle).startsWith("/webjars/swagger-ui/");
        assertThat(http.get(bundle).status()).isEqualTo(200);
        assertThat(docs.body()).doesNotContain("https://");

        Http.Reply page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        String echarts = page.body().replaceAll("(?s).*src=\"([^\"]*echarts.min.js)\".*", "$1");
        assertThat(echarts).startsWith("/webjars/echarts/");
        Http.Reply js = http.get(echarts);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.body()).contains("echarts");
        assertThat(http.get("/assets/dashboard.js").body()).contains("#E69F00");
        assertThat(page.body()).doesNotContain("https://");
    }
}
