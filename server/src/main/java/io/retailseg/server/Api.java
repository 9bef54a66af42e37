package io.retailseg.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.RunJson;
import io.retailseg.score.ScoreResult;
import io.retailseg.score.ScoredCustomer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The endpoints. Every handler reads the current {@link RunSnapshot} once, at its start, and answers
 * from it alone; a reload swaps the one {@link AtomicReference}, so no response mixes two runs.
 */
final class Api {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON_TYPE = "application/json";

    private final AtomicReference<RunSnapshot> current;
    private final String adminToken;
    private final long maxBodyBytes;
    private final int maxLines;
    private final RunsRoot runsRoot;
    private final java.util.Optional<RunProvider> provider;
    private final List<Route> routes;
    private final byte[] dashboard;
    private final byte[] docs;

    Api(RunSnapshot initial, String adminToken, long maxBodyBytes, int maxLines, RunsRoot runsRoot,
        java.util.Optional<RunProvider> provider) {
        this.current = new AtomicReference<>(initial);
        this.provider = provider;
        this.adminToken = adminToken;
        this.maxBodyBytes = maxBodyBytes;
        this.maxLines = maxLines;
        this.runsRoot = runsRoot;
        this.dashboard = Assets.dashboard();
        this.docs = Assets.docs();
        this.routes = buildRoutes();
    }

    /** Every endpoint, as registered and as documented. */
    List<Route> routes() {
        return routes;
    }

    private List<Route> buildRoutes() {
        Map<Integer, String> none = Map.of();
        Route.Param segmentId = Route.Param.path("id", "segment id (0 = largest segment)");
        Route.Param customerId = Route.Param.path("id", "CustomerID");
        return List.of(
                new Route(HandlerType.GET, "/", "dashboard", "The dashboard (HTML)", List.of(), List.of(), HTML, none,
                        ctx -> ctx.contentType(HTML).result(dashboard)),
                new Route(HandlerType.GET, "/api/health", "run", "Liveness and the loaded run, its recommender and offer mode",
                        List.of(), List.of(), JSON_TYPE, none, this::health).returning(OpenApi.HEALTH),
                new Route(HandlerType.GET, "/api/summary", "run",
                        "The run's summary.json: cleaning, customers, PCA, k and why, metrics, segments, and the"
                                + " recommender with its offer mode, parameters and why", List.of(),
                        List.of(), JSON_TYPE, none, this::summary).returning(OpenApi.SUMMARY),
                new Route(HandlerType.GET, "/api/segments", "segments",
                        "Every segment: name, size, profile and best sellers", List.of(), List.of(), JSON_TYPE, none,
                        this::segments),
                new Route(HandlerType.GET, "/api/segments/{id}", "segments",
                        "One segment: name, size, profile and best sellers", List.of(segmentId), List.of(), JSON_TYPE,
                        Map.of(400, "the id is not a whole number", 404, "no such segment"), this::segment),
                new Route(HandlerType.GET, "/api/customers", "customers", "Customers of the run, paged",
                        List.of(Route.Param.query("segment", "integer", "only this segment's customers"),
                                Route.Param.query("limit", "integer", "page size, 1.." + MAX_LIMIT + " (default "
                                        + DEFAULT_LIMIT + ")"),
                                Route.Param.query("offset", "integer", "customers to skip (default 0)")),
                        List.of(), JSON_TYPE, Map.of(400, "a parameter is not a valid number", 404,
                                "no such segment"), this::customers).returning(OpenApi.CUSTOMER_PAGE),
                new Route(HandlerType.GET, "/api/customers/{id}", "customers",
                        "One customer: features, outlier flag, segment and recommendations", List.of(customerId),
                        List.of(), JSON_TYPE, Map.of(400, "the id is not a whole number", 404, "no such customer"),
                        this::customer).returning(OpenApi.CUSTOMER),
                new Route(HandlerType.POST, "/api/score", "scoring",
                        "Score transaction lines of one or many customers with the run's model",
                        List.of(), List.of(ScoreRequest.JSON_TYPE, ScoreRequest.CSV_TYPE), JSON_TYPE,
                        Map.of(400, "malformed or empty body, or a bad field (named with its line)",
                                413, "body larger than " + maxBodyBytes + " bytes (sent or decoded), or more than "
                                        + maxLines + " lines",
                                415, "Content-Type is neither application/json nor text/csv, or a Content-Encoding"
                                        + " other than gzip, deflate or identity"), this::score)
                        .returning(OpenApi.SCORED),
                new Route(HandlerType.POST, "/api/admin/reload", "admin",
                        "Load a run folder (default: the current one again; serving from a database: a published"
                                + " run id, default the newest) and swap it in atomically",
                        List.of(new Route.Param("run", "query", "string", false,
                                "run folder to load (or JSON body {\"run\": ...})")),
                        List.of(ScoreRequest.JSON_TYPE), JSON_TYPE,
                        Map.of(400, "not a valid path, or the folder is not a complete run; the current run stays",
                                401, "no Authorization: Bearer token", 403, "wrong token, or reload disabled",
                                404, "no run folder by that name under the runs root (also for any path outside it)"),
                        this::reload),
                new Route(HandlerType.GET, "/openapi.json", "docs", "This OpenAPI document", List.of(), List.of(),
                        JSON_TYPE, none, ctx -> json(ctx, OpenApi.document(routes, "retailseg API"))),
                new Route(HandlerType.GET, "/docs", "docs", "Readable API docs (Swagger UI)", List.of(), List.of(), HTML,
                        none, ctx -> ctx.contentType(HTML).result(docs)));
    }

    RunSnapshot snapshot() {
        return current.get();
    }

    private void health(Context ctx) {
        RunSnapshot s = current.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("run", s.id());
        m.put("folder", s.origin());
        m.put("loaded_at", s.loadedAt().toString());
        m.put("customers", s.customers().size());
        m.put("segments", s.segments());
        m.put("recommender", s.scorer().model().recommender().kind().id());
        m.put("offer", s.scorer().model().offer().id());
        json(ctx, m);
    }

    private void summary(Context ctx) {
        RunSnapshot s = current.get();
        ObjectNode out = JSON.createObjectNode();
        out.put("run", s.id());
        out.setAll(RunJson.tree(s.summary()));
        json(ctx, out);
    }

    private void segments(Context ctx) {
        RunSnapshot s = current.get();
        List<Object> list = new ArrayList<>();
        for (int id = 0; id < s.segments(); id++) {
            list.add(segmentJson(s, id));
        }
        json(ctx, Map.of("run", s.id(), "segments", list));
    }

    private void segment(Context ctx) {
        RunSnapshot s = current.get();
        int id = segmentId(s, ctx.pathParam("id"), "segment id");
        ObjectNode out = JSON.createObjectNode();
        out.put("run", s.id());
        out.setAll(segmentJson(s, id));
        json(ctx, out);
    }

    private static ObjectNode segmentJson(RunSnapshot s, int id) {
        ObjectNode node = RunJson.tree(s.segmentSummary(id));
        node.put("id", id);
        node.put("name", s.scorer().model().segmentName(id));
        List<Object> top = new ArrayList<>();
        for (TopProduct p : s.topProducts(id)) {
            top.add(ordered("rank", p.rank(), "stock_code", p.stockCode(), "description", p.description(),
                    "quantity", p.quantity()));
        }
        node.set("top_products", JSON.valueToTree(top));
        return node;
    }

    private void customer(Context ctx) {
        RunSnapshot s = current.get();
        long id = parseLong(ctx.pathParam("id"), "customer id");
        RunSnapshot.Customer c = s.customer(id);
        if (c == null) {
            throw ApiException.notFound("no customer " + id + " in run " + s.id());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", s.id());
        out.putAll(customerJson(s, c));
        json(ctx, out);
    }

    private void customers(Context ctx) {
        RunSnapshot s = current.get();
        String segmentText = ctx.queryParam("segment");
        Integer segment = segmentText == null || segmentText.isEmpty() ? null : segmentId(s, segmentText, "segment");
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<RunSnapshot.Customer> matching = segment == null ? s.customers()
                : s.customers().stream().filter(c -> c.segment() == segment).toList();
        List<Object> page = new ArrayList<>();
        for (int i = offset; i < matching.size() && i < (long) offset + limit; i++) {
            page.add(customerJson(s, matching.get(i)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", s.id());
        out.put("segment", segment);
        out.put("total", matching.size());
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("customers", page);
        json(ctx, out);
    }

    private static Map<String, Object> customerJson(RunSnapshot s, RunSnapshot.Customer c) {
        List<Object> recs = new ArrayList<>();
        for (RunSnapshot.Pick p : c.recommendations()) {
            recs.add(recommendationJson(p.rank(), p.stockCode(), p.description(), p.score(), p.reason()));
        }
        Map<String, Object> m = ordered("customer_id", c.id(), "features", features(c.features()),
                "is_outlier", c.outlier(), "segment", c.outlier() ? null : c.segment(),
                "segment_name", c.outlier() ? null : s.scorer().model().segmentName(c.segment()));
        m.put("recommendations", recs);
        return m;
    }

    /** One recommendation, as the customer and the scoring answers give it (OpenApi's Recommendation schema). */
    static Map<String, Object> recommendationJson(int rank, String stockCode, String description, double score,
                                                  String reason) {
        return ordered("rank", rank, "stock_code", stockCode, "description", description, "score", score,
                "reason", reason);
    }

    private void score(Context ctx) {
        RunSnapshot s = current.get();
        byte[] body = readBody(ctx);
        Transactions lines = ScoreRequest.parse(ctx.contentType(), body, maxLines);
        ScoreResult result = s.scorer().score(lines);
        List<Object> customers = new ArrayList<>();
        for (ScoredCustomer c : result.customers()) {
            List<Object> recs = new ArrayList<>();
            for (Recommendation r : c.recommendations()) {
                recs.add(recommendationJson(r.rank(), r.stockCode(), r.description(), r.score(), r.reason()));
            }
            Map<String, Object> m = ordered("customer_id", c.customerId(), "features", features(c.features()),
                    "outlier_score", c.outlierScore(), "is_outlier", c.outlier(),
                    "segment", c.outlier() ? null : c.segment(), "segment_name", c.segmentName());
            m.put("recommendations", recs);
            customers.add(m);
        }
        List<Object> notScored = new ArrayList<>();
        result.notScored().forEach((id, reason) -> notScored.add(ordered("customer_id", id, "reason", reason)));
        List<Object> steps = new ArrayList<>();
        result.cleaning().steps().forEach(st -> steps.add(ordered("step", st.step(), "removed", st.removed())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", s.id());
        out.put("lines", lines.size());
        out.put("cleaning", ordered("rows_in", result.cleaning().rowsIn(), "steps", steps,
                "rows_out", result.cleaning().rowsOut()));
        out.put("customers", customers);
        out.put("not_scored", notScored);
        json(ctx, out);
    }

    private void reload(Context ctx) {
        authorize(ctx.header("Authorization"));
        RunSnapshot before = current.get();
        String folder = ctx.queryParam("run");
        byte[] body = readBody(ctx);
        if (folder == null && body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank()) {
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (IOException e) {
                throw ApiException.badRequest("request body: malformed JSON: expected {\"run\": \"FOLDER\"}");
            }
            if (node == null || !node.isObject() || (node.has("run") && !node.get("run").isTextual())) {
                throw ApiException.badRequest("request body: expected {\"run\": \"FOLDER\"}");
            }
            folder = node.has("run") ? node.get("run").asText() : null;
        }
        String named = folder;
        RunSnapshot next = provider.isPresent()
                ? RunsRoot.guarded(() -> provider.get().load(named == null || named.isBlank()
                        ? java.util.Optional.empty() : java.util.Optional.of(named)), before.origin())
                : folder == null || folder.isBlank() ? runsRoot.reload(java.nio.file.Path.of(before.origin()))
                : runsRoot.load(folder);
        current.set(next);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", next.id());
        out.put("previous", before.id());
        out.put("folder", next.origin());
        out.put("customers", next.customers().size());
        out.put("segments", next.segments());
        json(ctx, out);
    }

    private void authorize(String header) {
        if (adminToken == null || adminToken.isEmpty()) {
            throw new ApiException(403, "reload is disabled: start the server with --admin-token"
                    + " or RETAILSEG_ADMIN_TOKEN");
        }
        if (header == null || !header.startsWith("Bearer ")) {
            throw new ApiException(401, "expected the header Authorization: Bearer <admin token>");
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, adminToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "wrong admin token");
        }
    }

    /** The body, decoded, refused with 413 past the limit on the wire or decoded (see {@link RequestBody}). */
    private byte[] readBody(Context ctx) {
        return RequestBody.read(ctx, maxBodyBytes);
    }

    private static int segmentId(RunSnapshot s, String text, String what) {
        long id = parseLong(text, what);
        if (id < 0 || id >= s.segments()) {
            throw ApiException.notFound("no segment " + id + " in run " + s.id() + ": segments are 0.."
                    + (s.segments() - 1));
        }
        return (int) id;
    }

    private static long parseLong(String text, String what) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(what + ": expected a whole number, found \"" + shorten(text) + "\"");
        }
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        long v = parseLong(text, "query parameter '" + name + "'");
        if (v < min || v > max) {
            throw ApiException.badRequest("query parameter '" + name + "': expected " + min + ".." + max
                    + ", found " + v);
        }
        return (int) v;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static Map<String, Object> features(double[] values) {
        return Feature.byColumnName(values);
    }

    /** An ordered map of alternating keys and values. */
    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static void json(Context ctx, Object value) {
        try {
            ctx.contentType(JSON_TYPE).result(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
