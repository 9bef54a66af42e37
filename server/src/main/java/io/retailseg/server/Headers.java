package io.retailseg.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.TreeSet;

/**
 * Headers on every answer: {@code X-Content-Type-Options: nosniff} (a browser never guesses a type),
 * {@code Cache-Control: no-store} on the API (a run can be reloaded; a score echoes the caller's data),
 * and a {@code Content-Security-Policy}: scripts, styles, fonts, images and calls from this server only,
 * no inline script, no framing, no plugins. Swagger UI ({@code /docs}) sets inline styles and uses
 * {@code data:} images, so its page alone allows those.
 */
final class Headers {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    /**
     * The run's report ({@code /report}) is one self-contained file whose charts are inline scripts and styles:
     * it alone may run them, and as a sandboxed page (an opaque origin: no cookies, no calls to this API).
     */
    static final String REPORT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
            + " img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none';"
            + " sandbox allow-scripts allow-popups";

    private Headers() {
    }

    static void apply(Context ctx) {
        String path = ctx.path();
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", path.equals("/docs") ? DOCS_CSP : CSP);
        if (path.startsWith("/api/") || path.equals("/api") || path.equals("/openapi.json") || path.equals("/report")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** The methods of the routes at {@code path} (HEAD with GET), for the {@code Allow} header of a 405. */
    static String allowed(List<Route> routes, String path) {
        TreeSet<String> methods = new TreeSet<>();
        for (Route r : routes) {
            if (matches(r.path(), path)) {
                methods.add(r.method().name());
                if (r.method() == HandlerType.GET) {
                    methods.add(HandlerType.HEAD.name());
                }
            }
        }
        return String.join(", ", methods);
    }

    private static boolean matches(String pattern, String path) {
        String[] p = pattern.split("/", -1);
        String[] q = path.split("/", -1);
        if (p.length != q.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i].startsWith("{") && p[i].endsWith("}") && !q[i].isEmpty()) && !p[i].equals(q[i])) {
                return false;
            }
        }
        return true;
    }
}
