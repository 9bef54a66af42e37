package io.retailseg.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.retailseg.InputException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: a run's segments, customers and scoring as a JSON API (Javalin on Jetty), the
 * dashboard at {@code /}, the OpenAPI document at {@code /openapi.json} and its docs at {@code /docs}.
 *
 * <p>Errors are mapped in one place, here: every refused request gets
 * {@code {"status": 404, "error": "Not Found", "message": "..."}} with the matching status (400, 401,
 * 403, 404, 405, 413, 415); an unexpected failure is a 500 with a generic message, its stack trace
 * only in the server's log.
 *
 * <pre>{@code
 * try (RetailSegServer server = RetailSegServer.start(RetailSegServer.Settings.of(Path.of("results")))) {
 *     System.out.println(server.url());
 * }
 * }</pre>
 */
public final class RetailSegServer implements AutoCloseable {
    /** Loopback: the server is reachable from this machine only unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Largest request body accepted (413 beyond). */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RetailSegServer.class);

    private final Javalin app;
    private final Api api;
    private final String host;

    /**
     * Most transaction lines in one {@code POST /api/score} (413 beyond). 10 MiB of UCI-style CSV holds
     * about 120,000 lines, so the byte limit and this one bind at about the same size; a request of
     * 100,000 lines scores in well under a second and its parsed lines take a few tens of MB, so a
     * handful of such requests at once fit a 512 MB heap.
     */
    public static final int DEFAULT_MAX_LINES = 100_000;

    /**
     * How to start.
     *
     * @param run the run folder to serve (output of {@code retailseg run})
     * @param host address to bind
     * @param port port, 0 for any free port
     * @param adminToken token of {@code POST /api/admin/reload}; null or empty disables reloads
     * @param maxBodyBytes largest request body, as sent and as decoded (gzip, deflate)
     * @param maxLines most transaction lines in one scoring request
     * @param runsRoot the folder reloads may load runs from (inside it, links resolved); null: the folder
     *     that holds {@code run}
     */
    public record Settings(Path run, String host, int port, String adminToken, long maxBodyBytes, int maxLines,
                           Path runsRoot) {
        public static Settings of(Path run) {
            return new Settings(run, DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_LINES, null);
        }

        public Settings withPort(int p) {
            return new Settings(run, host, p, adminToken, maxBodyBytes, maxLines, runsRoot);
        }

        public Settings withHost(String h) {
            return new Settings(run, h, port, adminToken, maxBodyBytes, maxLines, runsRoot);
        }

        public Settings withAdminToken(String t) {
            return new Settings(run, host, port, t, maxBodyBytes, maxLines, runsRoot);
        }

        public Settings withMaxBodyBytes(long m) {
            return new Settings(run, host, port, adminToken, m, maxLines, runsRoot);
        }

        public Settings withMaxLines(int m) {
            return new Settings(run, host, port, adminToken, maxBodyBytes, m, runsRoot);
        }

        public Settings withRunsRoot(Path r) {
            return new Settings(run, host, port, adminToken, maxBodyBytes, maxLines, r);
        }
    }

    private RetailSegServer(Javalin app, Api api, String host) {
        this.app = app;
        this.api = api;
        this.host = host;
    }

    /**
     * Loads the run and starts serving it.
     *
     * @throws InputException when the run folder is not a complete run
     */
    public static RetailSegServer start(Settings settings) {
        InetAddress address = address(settings.host()); // a bad --host is told before the run is read
        RunsRoot root = RunsRoot.of(settings.runsRoot() != null ? settings.runsRoot()
                : RunsRoot.defaultFor(settings.run()));
        return start(settings, address, RunSnapshot.load(settings.run()), root, java.util.Optional.empty());
    }

    /**
     * Loads the run {@code provider} chooses and starts serving it; a reload asks the provider again
     * ({@link Settings#run()} and {@link Settings#runsRoot()} are not used).
     *
     * @throws InputException when the provider's run is malformed
     */
    public static RetailSegServer start(Settings settings, RunProvider provider) {
        InetAddress address = address(settings.host());
        return start(settings, address, provider.load(java.util.Optional.empty()), null,
                java.util.Optional.of(provider));
    }

    private static RetailSegServer start(Settings settings, InetAddress address, RunSnapshot initial,
                                         RunsRoot root, java.util.Optional<RunProvider> provider) {
        Api api = new Api(initial, settings.adminToken(), settings.maxBodyBytes(), settings.maxLines(), root,
                provider);
        List<Route> heads = api.routes().stream().filter(r -> r.method() == HandlerType.GET).toList();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler.Core()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler.Servlet()));
            // an answer that fits the output buffer (32 KB: /openapi.json, a page of customers) is sent whole with
            // its Content-Length, for GET and for HEAD, instead of chunked once it passes Jetty's 8 KB aggregation
            config.jetty.modifyHttpConfiguration(http -> http.setOutputAggregationSize(http.getOutputBufferSize()));
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            config.routes.before(Headers::apply);
            for (Route r : api.routes()) {
                config.routes.addEndpoint(new io.javalin.router.Endpoint(r.method(), r.path(), r.handler()));
            }
            // HEAD answers like GET without the body (RFC 9110 9.3.2): the GET handler runs, Jetty drops the body
            for (Route r : heads) {
                config.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.HEAD, r.path(), r.handler()));
            }
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(InputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) {
                    methodNotAllowed(ctx, api.routes());
                } else {
                    error(ctx, e.getStatus(), e.getMessage());
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; the server log has the details");
            });
            config.routes.error(404, ctx -> fallback(ctx, 404, "no such resource: " + ScoreRequest.printable(
                    ctx.path().length() > 100 ? ctx.path().substring(0, 100) + "..." : ctx.path())));
            config.routes.error(405, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    methodNotAllowed(ctx, api.routes());
                }
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            try {
                app.stop();
            } catch (RuntimeException ignored) {
                // best effort: it did not start
            }
            throw startFailure(settings, address, e);
        }
        return new RetailSegServer(app, api, settings.host());
    }

    /** The host as an address; a name that does not resolve is the settings' fault. */
    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException | SecurityException e) {
            throw new StartException(StartException.Kind.SETTINGS, "--host " + ScoreRequest.printable(host)
                    + ": not an IP address or a host name this machine can resolve", e);
        }
    }

    private static StartException startFailure(Settings settings, InetAddress address, RuntimeException e) {
        String where = settings.host() + ":" + settings.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException b) {
                String m = String.valueOf(b.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (m.contains("in use")) {
                    return new StartException(StartException.Kind.ENVIRONMENT, "cannot listen on " + where
                            + ": the port is already in use (stop the other server or choose another --port)", e);
                }
                if (m.contains("assign") || m.contains("not available")) {
                    return new StartException(StartException.Kind.SETTINGS, "--host " + settings.host() + ": "
                            + address.getHostAddress() + " is not an address of this machine", e);
                }
                return new StartException(StartException.Kind.ENVIRONMENT, "cannot listen on " + where + ": "
                        + b.getMessage(), e);
            }
        }
        if (e.getMessage() != null && e.getMessage().contains("elevated privileges")) {
            return new StartException(StartException.Kind.ENVIRONMENT, "cannot listen on " + where
                    + ": ports below 1024 need privileges (choose another --port)", e);
        }
        return new StartException(StartException.Kind.ENVIRONMENT, "cannot listen on " + where + ": "
                + e.getMessage(), e);
    }

    /** The bound port (the one chosen when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** The id of the run now served. */
    public String runId() {
        return api.snapshot().id();
    }

    /** The routes, as registered (for tests). */
    List<Route> routes() {
        return api.routes();
    }

    /** The Javalin instance (for tests that inspect the router). */
    Javalin javalin() {
        return app;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void error(Context ctx, int status, String message) {
        String error = HttpStatus.forStatus(status).getMessage();
        ctx.status(status);
        Api.json(ctx, new Answers.ApiError(status, error, message == null || message.isBlank() ? error : message));
    }

    /** 405 with the {@code Allow} header the RFC asks for: the methods of the routes at this path. */
    private static void methodNotAllowed(Context ctx, List<Route> routes) {
        String allowed = Headers.allowed(routes, ctx.path());
        ctx.header("Allow", allowed);
        String path = ctx.path().length() > 100 ? ctx.path().substring(0, 100) + "..." : ctx.path();
        error(ctx, 405, ctx.method() + " is not allowed on " + ScoreRequest.printable(path) + "; allowed: " + allowed);
    }

    /** For statuses Javalin sets without an exception (unmatched route): JSON unless a handler already wrote it. */
    private static void fallback(Context ctx, int status, String message) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith("application/json")) {
            error(ctx, status, message);
        }
    }
}
