package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The typed document: every operation that answers JSON is called here and its answer checked against
 * its schema (as every answer of every test is, through {@link Http}); the check fails on a body that
 * drifts from the schema; the document has readable operation ids, a server, and the admin token as a
 * bearer scheme on the admin operation only.
 */
class ApiSchemaTest {
    private static final TwoRuns RUNS = TwoRuns.INSTANCE;
    private static final String TOKEN = "schema-test-token";
    private static RetailSegServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = RetailSegServer.start(RetailSegServer.Settings.of(RUNS.folderA).withPort(0).withAdminToken(TOKEN));
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyJsonOperationAnswersWhatItsSchemaSays() {
        JsonNode outlier = http.get("/api/customers?limit=1000&sort=outlier_score&order=desc").json();
        long firstOutlier = outlier.at("/customers/0/customer_id").asLong();
        assertThat(outlier.at("/customers/0/is_outlier").asBoolean()).as("the run has outliers").isTrue();
        assertThat(http.get("/api/customers/" + firstOutlier).json().get("segment").isNull()).isTrue();
        long segmented = http.get("/api/segments/0/customers?limit=1").json().at("/customers/0/customer_id").asLong();
        http.get("/api/health");
        http.get("/api/summary");
        http.get("/api/evaluation"); // 404: run A has no evaluation.json; ApiEvaluationTest has one that does
        http.get("/api/segments");
        http.get("/api/segments/1");
        http.get("/api/segments/0/customers?sort=Total_Spend&order=desc&limit=5&offset=3");
        http.get("/api/segments/0/customers?feature=Total_Spend&min=100&max=5000&q=1");
        http.get("/api/customers/" + segmented);
        http.get("/api/customers/oops");
        http.get("/api/customers?sort=nonsense");
        http.post("/api/score", "text/csv", RUNS.csvOf(segmented, firstOutlier));
        http.post("/api/score", "application/json", "{\"lines\": [{\"InvoiceNo\": \"1\", \"StockCode\": \"X\","
                + " \"Description\": \"x\", \"Quantity\": \"1\", \"InvoiceDate\": \"2011-01-01 10:00\","
                + " \"UnitPrice\": \"1\", \"CustomerID\": \"99999\", \"Country\": \"France\"}]}");
        http.post("/api/admin/reload", "application/json", HttpRequest.BodyPublishers.ofString("{}"), TOKEN);
        http.post("/api/admin/reload", null, HttpRequest.BodyPublishers.noBody(), null);
        http.get("/openapi.json");

        List<String> jsonOperations = new ArrayList<>();
        SchemaCheck.document().get("paths").forEach(item -> item.forEach(op -> {
            if (op.at("/responses/200/content").has("application/json")
                    && !op.get("operationId").asText().equals("getOpenApi")) {
                jsonOperations.add(op.get("operationId").asText());
            }
        }));
        assertThat(jsonOperations).contains("getHealth", "getSummary", "getEvaluation", "listSegments", "getSegment",
                "listSegmentCustomers", "listCustomers", "getCustomer", "scoreLines", "reload");
        assertThat(SchemaCheck.CHECKED.keySet()).containsAll(jsonOperations);
    }

    @Test
    void theCheckFailsOnABodyThatDriftsFromItsSchema() {
        String good = http.get("/api/health").body();
        assertThatThrownBy(() -> SchemaCheck.check("GET", "/api/health", 200, "application/json",
                good.replace("\"run\":", "\"run_renamed\":"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("getHealth");
        assertThatThrownBy(() -> SchemaCheck.check("GET", "/api/health", 200, "application/json",
                good.replaceFirst("\"customers\":\\d+", "\"customers\":\"many\""))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> SchemaCheck.check("GET", "/api/health", 200, "application/json",
                good.replace("\"run\":", "\"extra\":1,\"run\":"))).isInstanceOf(AssertionError.class);
        String customer = http.get("/api/segments/0/customers?limit=1").body();
        assertThatThrownBy(() -> SchemaCheck.check("GET", "/api/segments/0/customers", 200, "application/json",
                customer.replaceFirst("\"customer_id\":\\d+", "\"customer_id\":null")))
                .isInstanceOf(AssertionError.class);
        // null where the schema allows it: a segment of an outlier
        SchemaCheck.check("GET", "/api/segments/0/customers", 200, "application/json",
                customer.replaceFirst("\"segment\":0,\"segment_name\":\"[^\"]*\"", "\"segment\":null,\"segment_name\":null"));
        assertThatThrownBy(() -> SchemaCheck.check("GET", "/api/health", 200, "application/json", "{}"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void theDocumentHasReadableIdsAServerAndTheAdminTokenAsBearer() {
        JsonNode doc = http.get("/openapi.json").json();
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo(OpenApi.DEFAULT_SERVER);
        assertThat(doc.at("/paths/~1api~1customers~1{id}/get/operationId").asText()).isEqualTo("getCustomer");
        assertThat(doc.at("/paths/~1api~1segments~1{id}~1customers/get/operationId").asText())
                .isEqualTo("listSegmentCustomers");
        assertThat(doc.at("/paths/~1api~1score/post/operationId").asText()).isEqualTo("scoreLines");
        assertThat(doc.at("/paths/~1api~1admin~1reload/post/operationId").asText()).isEqualTo("reload");
        assertThat(doc.at("/components/securitySchemes/adminToken/scheme").asText()).isEqualTo("bearer");
        List<String> secured = new ArrayList<>();
        doc.get("paths").forEach(item -> item.forEach(op -> {
            if (op.has("security")) {
                secured.add(op.get("operationId").asText());
            }
        }));
        assertThat(secured).containsExactly("reload");
        assertThat(doc.get("security").isEmpty()).isTrue();
        List<String> ids = new ArrayList<>();
        doc.get("paths").forEach(item -> item.forEach(op -> ids.add(op.get("operationId").asText())));
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z][A-Za-z]*"));
        // the request bodies are typed too
        assertThat(doc.at("/paths/~1api~1score/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ScoreLines");
        List<String> columns = new ArrayList<>();
        doc.at("/components/schemas/TransactionLine/properties").fieldNames().forEachRemaining(columns::add);
        assertThat(columns).containsExactlyElementsOf(java.util.Arrays.stream(io.retailseg.domain.Column.values())
                .map(io.retailseg.domain.Column::canonicalName).toList());
        assertThat(SchemaCheck.document()).isEqualTo(doc);
    }
}
