package io.retailseg.server;

import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.0 document of the routes: paths and parameters from the {@link Route}s, every
 * request and response body from the record the server reads or writes ({@link JsonSchemas} over
 * {@link ApiJson#MAPPER}), examples from {@code /openapi-examples/OPERATION.json} on the class path (taken
 * from a generated run by {@code ExamplesTool} in the tests, which also checks they validate).
 *
 * <p>The document is a pure function of the routes, so the one the build writes ({@link OpenApiFile}, the
 * input of the generated client in {@code api-client-it}) is byte-identical to the one the server serves.
 */
final class OpenApi {
    static final String VERSION = "3.0.3";
    static final String SECURITY = "adminToken";
    /** Where {@code retailseg serve} listens by default; a client sets its own base URL. */
    static final String DEFAULT_SERVER = "http://127.0.0.1:" + RetailSegServer.DEFAULT_PORT;

    private static final Map<String, String> TAGS = map(
            "run", "The loaded run: liveness, summary, evaluation and report",
            "segments", "Segments and their customers",
            "customers", "Customers of the run",
            "scoring", "Scoring new transaction lines with the run's model",
            "admin", "Operations that need the admin token",
            "docs", "This document, its readable form and the dashboard");

    private OpenApi() {
    }

    /** The document as served: indented JSON. */
    static byte[] bytes(List<Route> routes) {
        try {
            return ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(routes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> document(List<Route> routes) {
        JsonSchemas schemas = new JsonSchemas(ApiJson.MAPPER);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", VERSION);
        doc.put("info", map("title", "retailseg API", "version", "1", "description",
                "Segments, customers and recommendations of one retailseg run, and scoring of new lines with its"
                        + " model. Every JSON answer names the run it came from in 'run'; every error is"
                        + " {\"status\", \"error\", \"message\"}. Every body's schema is generated from the record"
                        + " the server writes; the examples come from a run on generated data (retailseg's"
                        + " synthetic generator), not from real customers. Linted with Redocly's recommended rules"
                        + " but two: info-license (the project has not chosen a licence yet) and"
                        + " operation-4xx-response (six operations take no input and cannot answer a 4xx: health,"
                        + " summary, the segment list, this document, the dashboard and the docs page)."));
        doc.put("servers", List.of(map("url", DEFAULT_SERVER, "description",
                "retailseg serve's default address (loopback); set your own base URL in a client")));
        doc.put("security", List.of()); // public unless an operation says otherwise
        List<Object> tags = new ArrayList<>();
        TAGS.forEach((name, description) -> tags.add(map("name", name, "description", description)));
        doc.put("tags", tags);
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r, schemas));
        }
        doc.put("paths", paths);
        schemas.ref(Answers.ApiError.class);
        doc.put("components", map("schemas", new TreeMap<>(schemas.components()),
                "securitySchemes", map(SECURITY, map("type", "http", "scheme", "bearer", "description",
                        "the admin token the server was started with (--admin-token or RETAILSEG_ADMIN_TOKEN), as"
                                + " Authorization: Bearer TOKEN"))));
        return doc;
    }

    private static Map<String, Object> operation(Route r, JsonSchemas schemas) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(r.tag()));
        op.put("summary", r.summary());
        op.put("operationId", r.operationId());
        if (!r.parameters().isEmpty()) {
            List<Object> params = new ArrayList<>();
            for (Route.Param p : r.parameters()) {
                Map<String, Object> schema = map("type", p.type());
                if (p.format() != null) {
                    schema.put("format", p.format());
                }
                if (!p.values().isEmpty()) {
                    schema.put("enum", p.values());
                }
                params.add(map("name", p.name(), "in", p.in(), "required", p.required(), "description",
                        p.description(), "schema", schema));
            }
            op.put("parameters", params);
        }
        if (!r.requestTypes().isEmpty()) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : r.requestTypes()) {
                Map<String, Object> media = map("schema", type.equals(ScoreRequest.CSV_TYPE)
                        ? map("type", "string", "description", "CSV text with a header line (any UCI layout the"
                                + " reader knows)")
                        : schemas.ref(r.requestBody()));
                content.put(type, media);
            }
            op.put("requestBody", map("required", r.admin() ? false : true, "content", content));
        }
        if (r.admin()) {
            op.put("security", List.of(map(SECURITY, List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> schema = r.response() != null ? schemas.ref(r.response())
                : r.responseType().startsWith("application/json") ? map("type", "object", "description",
                "an OpenAPI 3.0 document") : map("type", "string");
        Map<String, Object> media = map("schema", schema);
        String example = example(r.operationId());
        if (example != null) {
            media.put("example", parse(example));
        }
        responses.put("200", map("description", "OK", "content", map(r.responseType(), media)));
        for (Map.Entry<Integer, String> e : new TreeMap<>(r.errors()).entrySet()) {
            responses.put(Integer.toString(e.getKey()), map("description",
                    HttpStatus.forStatus(e.getKey()).getMessage() + ": " + e.getValue(),
                    "content", map("application/json", map("schema", schemas.ref(Answers.ApiError.class)))));
        }
        op.put("responses", responses);
        return op;
    }

    /** The committed example of an operation's answer, or null. */
    private static String example(String operationId) {
        try (InputStream in = OpenApi.class.getResourceAsStream("/openapi-examples/" + operationId + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object parse(String json) {
        try {
            return ApiJson.MAPPER.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalStateException("a committed OpenAPI example is not JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object... keyValues) {
        return (Map<String, V>) (Map<String, ?>) Api.ordered(keyValues);
    }
}
