package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.retailseg.recommend.Recommendation;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each recommendation's score and reason, and the run's recommender, over real HTTP: what the API answers
 * must be what the run wrote to {@code recommendations.csv} and {@code summary.json}, and a customer never
 * seen in training is recommended for from their own posted lines alone.
 */
class RecommendationApiTest {
    private static final TwoRuns RUNS = TwoRuns.INSTANCE;
    /** A CustomerID none of the generated data uses. */
    private static final long UNSEEN = 987_654_321L;
    private static final Pattern BOUGHT_WITH = Pattern.compile("([^ (]+) \\(\\d+ customers?\\)");

    private static RetailSegServer server;
    private static Http http;
    private static List<Recommendation> written;
    private static RunSummary summary;

    @BeforeAll
    static void start() {
        server = RetailSegServer.start(RetailSegServer.Settings.of(RUNS.folderA).withPort(0));
        http = new Http(server.url());
        Path csv = RUNS.folderA.resolve(RunFolderLayout.RECOMMENDATIONS);
        written = RunCsv.readRecommendations(csv, csv.toString());
        Path json = RUNS.folderA.resolve(RunFolderLayout.SUMMARY);
        summary = RunSummary.read(json, json.toString());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** "rank code description score reason" per recommendation, as the CSV has them. */
    private static List<String> rowsOf(long customer) {
        return written.stream().filter(r -> r.customerId() == customer).map(r -> r.rank() + "|" + r.stockCode() + "|"
                + r.description() + "|" + r.score() + "|" + r.reason()).toList();
    }

    private static List<String> rowsOf(JsonNode recommendations) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : recommendations) {
            assertThat(r.get("score").isNumber()).as(r.toString()).isTrue();
            assertThat(r.get("reason").isTextual()).as(r.toString()).isTrue();
            out.add(r.get("rank").asInt() + "|" + r.get("stock_code").asText() + "|" + r.get("description").asText()
                    + "|" + r.get("score").asDouble() + "|" + r.get("reason").asText());
        }
        return out;
    }

    /** Customers of the CSV, in order, with at least one recommendation. */
    private static List<Long> recommendedCustomers() {
        Set<Long> ids = new LinkedHashSet<>();
        written.forEach(r -> ids.add(r.customerId()));
        return List.copyOf(ids);
    }

    @Test
    void theCsvHasAScoreAndAReasonForEveryRecommendation() {
        assertThat(written).isNotEmpty();
        assertThat(written).allSatisfy(r -> {
            assertThat(r.reason()).isNotBlank();
            assertThat(r.score()).isFinite();
        });
    }

    @Test
    void everyCustomerAnswerHasTheScoresAndReasonsOfRecommendationsCsv() {
        // every customer of the run, page by page: the answers' recommendations are the CSV's, field for field
        int total = http.get("/api/customers?limit=1").json().get("total").asInt();
        List<String> fromApi = new ArrayList<>();
        for (int offset = 0; offset < total; offset += Api.MAX_LIMIT) {
            JsonNode page = http.get("/api/customers?limit=" + Api.MAX_LIMIT + "&offset=" + offset).json();
            for (JsonNode c : page.get("customers")) {
                long id = c.get("customer_id").asLong();
                rowsOf(c.get("recommendations")).forEach(r -> fromApi.add(id + "|" + r));
            }
        }
        List<String> fromCsv = written.stream().map(r -> r.customerId() + "|" + r.rank() + "|" + r.stockCode() + "|"
                + r.description() + "|" + r.score() + "|" + r.reason()).toList();
        assertThat(fromApi).isEqualTo(fromCsv);

        // and one customer at a time
        Iterator<Long> ids = recommendedCustomers().iterator();
        for (int i = 0; i < 5 && ids.hasNext(); i++) {
            long id = ids.next();
            JsonNode c = http.get("/api/customers/" + id).json();
            assertThat(rowsOf(c.get("recommendations"))).isEqualTo(rowsOf(id)).isNotEmpty();
        }
    }

    @Test
    void scoringATrainingCustomersLinesGivesTheScoresAndReasonsOfRecommendationsCsv() {
        List<Long> ids = recommendedCustomers().subList(0, 3);
        JsonNode r = http.post("/api/score", "text/csv", RUNS.csvOf(ids.get(0), ids.get(1), ids.get(2))).json();
        assertThat(r.get("customers")).hasSize(3);
        for (JsonNode c : r.get("customers")) {
            long id = c.get("customer_id").asLong();
            assertThat(rowsOf(c.get("recommendations"))).as("customer " + id).isEqualTo(rowsOf(id)).isNotEmpty();
        }
    }

    @Test
    void aCustomerNeverSeenInTrainingIsRecommendedForFromTheirOwnLinesAlone() {
        // a training customer whose list explains itself by products they bought
        long model = recommendedCustomers().stream()
                .filter(id -> written.stream().anyMatch(r -> r.customerId() == id && r.reason().startsWith("bought with")))
                .findFirst().orElseThrow(() -> new AssertionError("no 'bought with' reason in " + written.size()
                        + " recommendations of the " + summary.recommendations().recommender().id() + " recommender"));
        assertThat(RUNS.a.customers().rowOf(UNSEEN)).isNegative();
        String lines = RUNS.csvOfAs(model, UNSEEN);
        Set<String> bought = new HashSet<>();
        lines.lines().skip(1).forEach(l -> bought.add(l.split(",")[1].replace("\"", "")));

        JsonNode alone = http.post("/api/score", "text/csv", lines).json();
        assertThat(alone.get("customers")).hasSize(1);
        JsonNode c = alone.at("/customers/0");
        assertThat(c.get("customer_id").asLong()).isEqualTo(UNSEEN);
        List<String> got = rowsOf(c.get("recommendations"));
        // the same lines under a new id: the same list, scores and reasons as the training customer's
        assertThat(got).isEqualTo(rowsOf(model)).isNotEmpty();
        // every product a reason names as bought with is one of the posted lines' products
        for (JsonNode rec : c.get("recommendations")) {
            String reason = rec.get("reason").asText();
            assertThat(reason).isNotBlank();
            if (reason.startsWith("bought with")) {
                Matcher m = BOUGHT_WITH.matcher(reason);
                int named = 0;
                while (m.find()) {
                    assertThat(bought).as(reason).contains(m.group(1));
                    named++;
                }
                assertThat(named).as(reason).isPositive();
            }
        }
        // other customers in the same request change nothing
        String both = lines + RUNS.csvOf(recommendedCustomers().get(0)).lines().skip(1)
                .reduce("", (a, b) -> a + b + "\n");
        JsonNode together = http.post("/api/score", "text/csv", both).json();
        JsonNode again = null;
        for (JsonNode x : together.get("customers")) {
            if (x.get("customer_id").asLong() == UNSEEN) {
                again = x;
            }
        }
        assertThat(again).isNotNull();
        assertThat(rowsOf(again.get("recommendations"))).isEqualTo(got);
    }

    @Test
    void healthAndSummaryNameTheRecommenderItsOfferModeParametersAndWhy() {
        RunSummary.Recommendations want = summary.recommendations();
        JsonNode h = http.get("/api/health").json();
        assertThat(h.get("recommender").asText()).isEqualTo(want.recommender().id())
                .isEqualTo(RUNS.a.config().recommender().id());
        assertThat(h.get("offer").asText()).isEqualTo(want.offer().id()).isEqualTo(RUNS.a.config().offer().id());

        JsonNode r = http.get("/api/summary").json().get("recommendations");
        assertThat(r.get("recommender").asText()).isEqualTo(want.recommender().id());
        assertThat(r.get("offer").asText()).isEqualTo(want.offer().id());
        assertThat(r.get("why").asText()).isEqualTo(want.why()).isNotBlank();
        assertThat(r.get("rule").asText()).isEqualTo(want.rule()).isNotBlank();
        assertThat(r.get("parameters").size()).isEqualTo(want.parameters().size()).isPositive();
        want.parameters().forEach((k, v) -> assertThat(r.get("parameters").get(k).asText()).as(k)
                .isEqualTo(String.valueOf(v)));
        assertThat(r.get("evidence").size()).isEqualTo(want.evidence().size());
    }

    @Test
    void theOpenApiDocumentDescribesEveryFieldOfTheAnswers() {
        JsonNode doc = http.get("/openapi.json").json();
        JsonNode schemas = doc.at("/components/schemas");
        JsonNode recommendation = schemas.at("/Recommendation/properties");
        assertThat(recommendation.at("/score/type").asText()).isEqualTo("number");
        assertThat(recommendation.at("/reason/type").asText()).isEqualTo("string");

        long id = recommendedCustomers().get(0);
        JsonNode customer = http.get("/api/customers/" + id).json();
        assertThat(names(customer.at("/recommendations/0"))).isEqualTo(names(recommendation));
        assertThat(names(customer)).isEqualTo(names(schemas.at("/CustomerDetail/properties")));
        JsonNode scored = http.post("/api/score", "text/csv", RUNS.csvOf(id)).json();
        assertThat(names(scored)).isEqualTo(names(schemas.at("/ScoreResult/properties")));
        assertThat(names(scored.at("/customers/0"))).isEqualTo(names(schemas.at("/ScoredCustomer/properties")));
        assertThat(schemas.at("/ScoredCustomer/properties/recommendations/items/$ref").asText())
                .isEqualTo("#/components/schemas/Recommendation");
        assertThat(names(http.get("/api/health").json())).isEqualTo(names(schemas.at("/Health/properties")));
        JsonNode block = http.get("/api/summary").json().get("recommendations");
        assertThat(names(block)).isEqualTo(names(schemas.at("/RunSummaryRecommendations/properties")));
        assertThat(schemas.at("/RunSummaryRecommendations/properties/recommender/enum").toString())
                .contains("\"segment-best-sellers\"", "\"co-purchase\"", "\"ease\"", "\"als\"", "\"hybrid\"");
        assertThat(schemas.at("/RecommenderChoiceEvidence/properties").size()).isEqualTo(
                io.retailseg.recommend.RecommenderChoice.Evidence.class.getRecordComponents().length);

        // the answers point at their schemas
        assertThat(doc.at("/paths/~1api~1customers~1{id}/get/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/CustomerDetail");
        assertThat(doc.at("/paths/~1api~1score/post/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ScoreResult");
        assertThat(doc.at("/paths/~1api~1summary/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Summary");
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
