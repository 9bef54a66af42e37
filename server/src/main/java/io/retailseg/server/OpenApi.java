package io.retailseg.server;

import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the OpenAPI 3 document of the routes. */
final class OpenApi {
    static final String VERSION = "3.0.3";
    /** Component schema names of the JSON answers. */
    static final String HEALTH = "Health";
    static final String SUMMARY = "Summary";
    static final String CUSTOMER = "Customer";
    static final String CUSTOMER_PAGE = "CustomerPage";
    static final String SCORED = "ScoreResult";
    static final String RECOMMENDATION = "Recommendation";
    static final String RECOMMENDER = "Recommender";
    static final String EVIDENCE = "Evidence";

    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes, String title) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", VERSION);
        doc.put("info", map("title", title, "version", "1", "description",
                "Segments, customers and recommendations of one retailseg run, and scoring of new lines with its model."
                        + " Every JSON response names the run it came from in 'run'. Errors are"
                        + " {\"status\", \"error\", \"message\"}."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        Map<String, Object> schemas = schemas();
        schemas.put("Error", map("type", "object", "required", List.of("status", "error", "message"),
                "properties", map("status", map("type", "integer"), "error", map("type", "string"),
                        "message", map("type", "string"))));
        doc.put("components", map("schemas", schemas,
                "securitySchemes", map("adminToken", map("type", "http", "scheme", "bearer"))));
        return doc;
    }

    /** The schemas of the answers that carry recommendations and the recommender. */
    private static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> text = map("type", "string");
        Map<String, Object> whole = map("type", "integer");
        Map<String, Object> number = map("type", "number");
        Map<String, Object> features = map("type", "object", "description", "the 15 features by column name",
                "additionalProperties", number);
        List<String> kinds = java.util.Arrays.stream(io.retailseg.config.RecommenderKind.values())
                .map(io.retailseg.config.RecommenderKind::id).toList();
        List<String> offers = java.util.Arrays.stream(io.retailseg.config.OfferMode.values())
                .map(io.retailseg.config.OfferMode::id).toList();
        s.put(RECOMMENDATION, object("One recommended product, best first",
                "rank", described(whole, "1 = first recommendation"),
                "stock_code", text, "description", text,
                "score", described(number, "the recommender's score, on its own scale (higher first); the"
                        + " Score column of recommendations.csv"),
                "reason", described(text, "why it was recommended, in words (e.g. 'bought with 85123A and 22423"
                        + " by 214 customers', 'top seller in your segment'); the Reason column of"
                        + " recommendations.csv")));
        s.put(EVIDENCE, object("One hold-out cell behind the default recommender",
                "split", text, "mode", map("type", "string", "enum", offers), "hit_rate", number, "ndcg", number,
                "runner_up", text, "runner_up_hit_rate", number, "runner_up_ndcg", number));
        s.put(RECOMMENDER, object("summary.json's recommendations block: the recommender and why",
                "customers_with_fewer_than_requested", whole, "total", whole,
                "recommender", map("type", "string", "enum", kinds),
                "offer", map("type", "string", "enum", offers, "description",
                        "new_only: never a product the customer bought; any: re-buys allowed"),
                "parameters", map("type", "object", "description", "the recommender's settings, by name"),
                "why", described(text, "why this recommender serves the run"),
                "rule", described(text, "the rule that chose the default"),
                "evidence", map("type", "array", "description", "the hold-out numbers behind the default (may be"
                        + " empty)", "items", ref(EVIDENCE))));
        s.put(HEALTH, object("Liveness and the loaded run",
                "status", text, "run", text, "folder", text, "loaded_at", text, "customers", whole,
                "segments", whole, "recommender", map("type", "string", "enum", kinds),
                "offer", map("type", "string", "enum", offers)));
        s.put(SUMMARY, map("type", "object", "description", "The run's summary.json with the run id; only the"
                + " blocks described here are listed", "properties", map("run", text,
                "recommendations", ref(RECOMMENDER))));
        Map<String, Object> recommendations = map("type", "array", "items", ref(RECOMMENDATION));
        Map<String, Object> segment = map("type", "integer", "nullable", true, "description", "null for an outlier");
        Map<String, Object> segmentName = map("type", "string", "nullable", true);
        s.put(CUSTOMER, object("One customer of the run", "run", text, "customer_id", whole, "features", features,
                "is_outlier", map("type", "boolean"), "segment", segment, "segment_name", segmentName,
                "recommendations", recommendations));
        s.put(CUSTOMER_PAGE, object("A page of customers", "run", text, "segment", segment, "total", whole,
                "offset", whole, "limit", whole, "customers", map("type", "array", "items", ref(CUSTOMER))));
        s.put(SCORED, object("Scored customers of the posted lines", "run", text, "lines", whole,
                "cleaning", map("type", "object"),
                "customers", map("type", "array", "items", object("One scored customer", "customer_id", whole,
                        "features", features, "outlier_score", number, "is_outlier", map("type", "boolean"),
                        "segment", segment, "segment_name", segmentName, "recommendations", recommendations)),
                "not_scored", map("type", "array", "items", object("A customer that was not scored",
                        "customer_id", whole, "reason", text))));
        return s;
    }

    private static Map<String, Object> object(String description, Object... properties) {
        return map("type", "object", "description", description, "properties", map(properties));
    }

    private static Map<String, Object> described(Map<String, Object> schema, String description) {
        Map<String, Object> m = new LinkedHashMap<>(schema);
        m.put("description", description);
        return m;
    }

    private static Map<String, Object> ref(String schema) {
        return map("$ref", "#/components/schemas/" + schema);
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(r.tag()));
        op.put("summary", r.summary());
        op.put("operationId", (r.method().name() + r.path()).replaceAll("[^A-Za-z0-9]+", "_"));
        if (!r.parameters().isEmpty()) {
            List<Object> params = new ArrayList<>();
            for (Route.Param p : r.parameters()) {
                params.add(map("name", p.name(), "in", p.in(), "required", p.required(), "description", p.description(),
                        "schema", map("type", p.type())));
            }
            op.put("parameters", params);
        }
        if (!r.requestTypes().isEmpty()) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : r.requestTypes()) {
                content.put(type, map("schema", type.equals(ScoreRequest.CSV_TYPE)
                        ? map("type", "string") : map("type", "object")));
            }
            op.put("requestBody", map("required", r.path().equals("/api/score"), "content", content));
        }
        if (r.errors().containsKey(401)) {
            op.put("security", List.of(map("adminToken", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> schema = r.responseSchema() != null ? ref(r.responseSchema())
                : map("type", r.responseType().startsWith("text/") ? "string" : "object");
        responses.put("200", map("description", "OK", "content", map(r.responseType(), map("schema", schema))));
        for (Map.Entry<Integer, String> e : r.errors().entrySet()) {
            responses.put(Integer.toString(e.getKey()), map("description",
                    HttpStatus.forStatus(e.getKey()).getMessage() + ": " + e.getValue(),
                    "content", map("application/json", map("schema", map("$ref", "#/components/schemas/Error")))));
        }
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> map(Object... keyValues) {
        return Api.ordered(keyValues);
    }
}
