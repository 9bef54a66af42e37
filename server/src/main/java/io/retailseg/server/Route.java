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
 * @param tag group in the docs
 * @param summary one line for the docs
 * @param parameters path and query parameters
 * @param requestTypes content types of the request body (empty: no body)
 * @param responseType content type of a successful response
 * @param errors error statuses this route answers, with when
 * @param handler the handler
 * @param responseSchema the schema of a successful JSON response in {@code /openapi.json}'s components, or
 *     null for a plain {@code object}
 */
record Route(HandlerType method, String path, String tag, String summary, List<Param> parameters,
             List<String> requestTypes, String responseType, Map<Integer, String> errors, Handler handler,
             String responseSchema) {

    /** A route whose successful response is documented as a plain object (or text). */
    Route(HandlerType method, String path, String tag, String summary, List<Param> parameters,
          List<String> requestTypes, String responseType, Map<Integer, String> errors, Handler handler) {
        this(method, path, tag, summary, parameters, requestTypes, responseType, errors, handler, null);
    }

    /** The same route, its successful response documented by the component schema {@code schema}. */
    Route returning(String schema) {
        return new Route(method, path, tag, summary, parameters, requestTypes, responseType, errors, handler, schema);
    }

    /**
     * A path or query parameter.
     *
     * @param in {@code path} or {@code query}
     * @param type OpenAPI type: {@code integer} or {@code string}
     */
    record Param(String name, String in, String type, boolean required, String description) {
        static Param path(String name, String description) {
            return new Param(name, "path", "integer", true, description);
        }

        static Param query(String name, String type, String description) {
            return new Param(name, "query", type, false, description);
        }
    }
}
