package io.retailseg.server;

import io.javalin.http.HttpStatus;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers to requests it refuses before they reach the API (414 URI too long, 431 headers too
 * large, 400 bad URI or encoding, ...) in the API's JSON error format instead of Jetty's HTML page:
 * installed on the {@code Server} (errors of the HTTP parser and of the connection) and on the servlet
 * context (errors of the servlet layer, e.g. an ambiguous URI).
 */
final class JsonErrorHandler {
    static final String TYPE = "application/json";

    private JsonErrorHandler() {
    }

    /** The error body: {@code {"status", "error", "message"}}, the message one printable line with no Jetty internals. */
    static byte[] body(int status, String message) {
        HttpStatus s = HttpStatus.forStatus(status);
        String error = s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
        return ApiJson.bytes(new Answers.ApiError(status, error, message(status, message, error)));
    }

    private static String message(int status, String reason, String error) {
        String fixed = switch (status) {
            case 414 -> "request URI too long";
            case 431 -> "request header fields too large";
            case 413 -> "request too large";
            default -> null;
        };
        if (fixed != null) {
            return fixed;
        }
        if (reason == null || reason.isBlank() || reason.contains("Exception") || reason.contains("org.eclipse")) {
            return error;
        }
        String r = ScoreRequest.printable(reason);
        return r.length() > 200 ? r.substring(0, 200) + "..." : r;
    }

    private static void headers(HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, TYPE);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /** For the {@code Server}. */
    static final class Core extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writeJson(response, callback, code, message);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            headers(fields);
            return ByteBuffer.wrap(body(status, reason));
        }
    }

    /** For the servlet context. */
    static final class Servlet extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writeJson(response, callback, code, message);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            headers(fields);
            return ByteBuffer.wrap(body(status, reason));
        }
    }

    private static boolean writeJson(Response response, Callback callback, int code, String message) {
        headers(response.getHeaders());
        byte[] bytes = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

}
