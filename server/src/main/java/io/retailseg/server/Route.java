package io.retailseg.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * One endpoint: what the server registers and what {@code /openapi.json} documents, from the same
 * record, so the document cannot drift from the routes.
 *
 * @param method HTTP method
 * @param path path, with {@code {name}} path parameters (the same syntax in Javalin and OpenAPI)
 * @param operationId the operation's name in the document and in a generated client ({@code getCustomer})
 * @param tag group in the docs
 * @param summary one line for the docs
 * @param parameters path and query parameters
 * @param requestTypes content types of the request body (empty: no body)
 * @param requestBody the record a JSON request body is (null: none, or text only)
 * @param responseType content type of a successful response
 * @param response the record a successful JSON response is (null: text or HTML)
 * @param errors error statuses this route answers, with when
 * @param admin whether the route needs the admin token (bearer)
 * @param handler the handler
 */
record Route(HandlerType method, String path, String operationId, String tag, String summary, List<Param> parameters,
             List<String> requestTypes, Class<?> requestBody, String responseType, Class<?> response,
             Map<Integer, String> errors, boolean admin, Handler handler) {

    /** A GET without a body. */
    static Route get(String path, String operationId, String tag, String summary, List<Param> parameters,
                     String responseType, Class<?> response, Map<Integer, String> errors, Handler handler) {
        return new Route(HandlerType.GET, path, operationId, tag, summary, parameters, List.of(), null, responseType,
                response, errors, false, handler);
    }

    /**
     * A path or query parameter.
     *
     * @param in {@code path} or {@code query}
     * @param type OpenAPI type: {@code integer}, {@code number} or {@code string}
     * @param values the allowed values of a string (empty: any)
     */
    record Param(String name, String in, String type, boolean required, String description, List<String> values) {
        static Param path(String name, String description) {
            return new Param(name, "path", "integer", true, description, List.of());
        }

        static Param query(String name, String type, String description) {
            return new Param(name, "query", type, false, description, List.of());
        }

        static Param oneOf(String name, List<String> values, String description) {
            return new Param(name, "query", "string", false, description, List.copyOf(values));
        }

        /** The OpenAPI format: ids and counts are 64-bit and 32-bit integers, numbers doubles. */
        String format() {
            return switch (type) {
                case "integer" -> name.equals("id") && description.equals("CustomerID") ? "int64" : "int32";
                case "number" -> "double";
                default -> null;
            };
        }
    }
}
