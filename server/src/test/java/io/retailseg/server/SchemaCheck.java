package io.retailseg.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every JSON answer the tests receive through {@link Http} against the schema {@code /openapi.json}
 * documents for its operation and status (networknt's json-schema-validator, OpenAPI 3.0 dialect): a field
 * the server writes that the document does not describe, a missing required field, a wrong type or a null
 * where none is allowed fails the test that made the request. Objects are checked strictly (no property
 * beyond the documented ones), which the document itself does not promise clients, so that a record and its
 * schema cannot drift apart unnoticed.
 */
final class SchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = JSON.valueToTree(OpenApi.document(Api.documentedRoutes()));
    /** OpenAPI 3.0's dialect, told that {@code components} (where the {@code $ref}s point) is no keyword. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            com.networknt.schema.dialect.Dialect.builder(Dialects.getOpenApi30())
                    .keyword(new com.networknt.schema.keyword.NonValidationKeyword("components")).build());
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    /** Answers validated, by operation id (error answers of an undocumented path under {@code -}). */
    static final Map<String, AtomicInteger> CHECKED = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    /** Fails (AssertionError) when the JSON answer of {@code method path} does not match its schema. */
    static void check(String method, String path, int status, String contentType, String body) {
        if (!contentType.startsWith("application/json") || body.isEmpty() || method.equals("HEAD")) {
            return;
        }
        String rawPath = path.split("\\?", 2)[0];
        JsonNode op = operation(method, rawPath);
        String id = op == null ? "-" : op.get("operationId").asText();
        JsonNode schema = op == null ? null : op.at("/responses/" + status + "/content/application~1json/schema");
        if (schema == null || schema.isMissingNode()) {
            if (status < 400) {
                throw new AssertionError(method + " " + path + " answered " + status + " with JSON, but the"
                        + " document has no JSON answer for that status");
            }
            // an error the operation does not list (a 405, or one of Jetty's 414/431) is still an ApiError
            schema = JSON.createObjectNode().put("$ref", "#/components/schemas/ApiError");
        }
        List<com.networknt.schema.Error> errors = errors(schema, body);
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " (" + id + ", " + status + ") does not match its schema "
                    + schema + ": " + errors.stream().limit(5).map(Object::toString).toList() + "\nbody: "
                    + (body.length() > 600 ? body.substring(0, 600) + "..." : body));
        }
        CHECKED.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    /** What is wrong with {@code body} under {@code schema} (a schema of the document): nothing when empty. */
    static List<com.networknt.schema.Error> errors(JsonNode schema, String body) {
        Schema validator = SCHEMAS.computeIfAbsent(schema.toString(), s -> REGISTRY.getSchema(root(s),
                InputFormat.JSON));
        return validator.validate(body, InputFormat.JSON);
    }

    /** The document's operation for {@code method} on {@code path}, or null. */
    static JsonNode operation(String method, String path) {
        Iterator<Map.Entry<String, JsonNode>> paths = DOCUMENT.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (matches(p.getKey(), path) && p.getValue().has(method.toLowerCase(Locale.ROOT))) {
                return p.getValue().get(method.toLowerCase(Locale.ROOT));
            }
        }
        return null;
    }

    private static boolean matches(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            boolean variable = t[i].startsWith("{") && t[i].endsWith("}") && !p[i].isEmpty();
            if (!variable && !t[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    /** A schema document: the operation's schema beside the document's components, objects made strict. */
    private static String root(String schema) {
        ObjectNode root = (ObjectNode) read(schema);
        ObjectNode components = DOCUMENT.get("components").deepCopy();
        components.get("schemas").forEach(SchemaCheck::strict);
        root.set("components", components);
        return root.toString();
    }

    private static void strict(JsonNode schema) {
        if (schema instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")) {
            o.put("additionalProperties", false);
        }
        schema.forEach(SchemaCheck::strict);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document the checks use (the one the server serves). */
    static JsonNode document() {
        return DOCUMENT;
    }
}
