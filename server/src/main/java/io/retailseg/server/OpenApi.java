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
        doc.put("components", map(
                "schemas", map("Error", map("type", "object", "required", List.of("status", "error", "message"),
                        "properties", map("status", map("type", "integer"), "error", map("type", "string"),
                                "message", map("type", "string")))),
                "securitySchemes", map("adminToken", map("type", "http", "scheme", "bearer"))));
        return doc;
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
        responses.put("200", map("description", "OK", "content", map(r.responseType(), map("schema",
                map("type", r.responseType().startsWith("text/") ? "string" : "object")))));
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
