package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The examples in {@code /openapi.json} ({@code src/main/resources/openapi-examples/OPERATION.json}): each
 * validates against its operation's response schema, and every JSON operation but the evaluation (a run of
 * the tests has no evaluate step) has one. They are real answers of a run on generated data (the tests'
 * {@link TwoRuns}, run A), written by {@link #writeExamples()} when asked:
 * {@code ./mvnw -o test -pl server -am -Dtest=OpenApiExamplesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dretailseg.examples=$PWD/server/src/main/resources/openapi-examples}.
 */
class OpenApiExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyExampleMatchesItsSchema() {
        JsonNode doc = SchemaCheck.document();
        List<String> withExample = new ArrayList<>();
        doc.get("paths").forEach(item -> item.forEach(op -> {
            JsonNode media = op.at("/responses/200/content/application~1json");
            if (media.has("example")) {
                String id = op.get("operationId").asText();
                assertThat(SchemaCheck.errors(media.get("schema"), media.get("example").toString())).as(id).isEmpty();
                withExample.add(id);
            }
        }));
        assertThat(withExample).containsExactlyInAnyOrder("getHealth", "getSummary", "listSegments", "getSegment",
                "listSegmentCustomers", "listCustomers", "getCustomer", "scoreLines", "reload");
    }

    @Test
    @EnabledIfSystemProperty(named = "retailseg.examples", matches = ".+")
    void writeExamples() throws IOException {
        Path dir = Path.of(System.getProperty("retailseg.examples"));
        Files.createDirectories(dir);
        TwoRuns runs = TwoRuns.INSTANCE;
        String token = "example-token";
        try (RetailSegServer server = RetailSegServer.start(RetailSegServer.Settings.of(runs.folderA).withPort(0)
                .withAdminToken(token))) {
            Http http = new Http(server.url());
            long customer = http.get("/api/segments/0/customers?limit=1&sort=Total_Spend&order=desc").json()
                    .at("/customers/0/customer_id").asLong();
            Map<String, Http.Reply> answers = new LinkedHashMap<>();
            answers.put("getHealth", http.get("/api/health"));
            answers.put("getSummary", http.get("/api/summary"));
            answers.put("listSegments", http.get("/api/segments"));
            answers.put("getSegment", http.get("/api/segments/0"));
            answers.put("listSegmentCustomers", http.get("/api/segments/0/customers?limit=2&sort=Total_Spend&order=desc"));
            answers.put("listCustomers", http.get("/api/customers?limit=2"));
            answers.put("getCustomer", http.get("/api/customers/" + customer));
            answers.put("scoreLines", http.post("/api/score", "text/csv", runs.csvOf(customer)));
            answers.put("reload", http.post("/api/admin/reload", "application/json",
                    java.net.http.HttpRequest.BodyPublishers.ofString("{}"), token));
            for (Map.Entry<String, Http.Reply> e : answers.entrySet()) {
                assertThat(e.getValue().status()).as(e.getKey()).isEqualTo(200);
                Object tree = JSON.readValue(e.getValue().body(), Object.class);
                Files.writeString(dir.resolve(e.getKey() + ".json"),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n");
            }
        }
    }
}
