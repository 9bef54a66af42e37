package io.retailseg.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.score.ScoreResult;
import io.retailseg.score.ScoredCustomer;
import java.io.IOException;
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
    private static final String CSV_TYPE = "text/csv; charset=utf-8";

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

    /** The routes as documented, without a run (the document does not depend on the run or the limits). */
    static List<Route> documentedRoutes() {
        return new Api(null, null, RetailSegServer.DEFAULT_MAX_BODY_BYTES, RetailSegServer.DEFAULT_MAX_LINES, null,
                java.util.Optional.empty()).routes();
    }

    private List<Route> buildRoutes() {
        Map<Integer, String> none = Map.of();
        Route.Param segmentId = Route.Param.path("id", "segment id (0 = largest segment)");
        Route.Param customerId = Route.Param.path("id", "CustomerID");
        List<Route.Param> paging = List.of(
                Route.Param.query("limit", "integer", "page size, 1.." + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")"),
                Route.Param.query("offset", "integer", "customers to skip (default 0)"),
                Route.Param.oneOf("sort", CustomerQuery.SORT_KEYS, "sort key (default customer_id)"),
                Route.Param.oneOf("order", List.of("asc", "desc"), "sort order (default asc); ties by customer_id"),
                Route.Param.query("q", "string", "only customers whose CustomerID starts with these digits"),
                Route.Param.oneOf("feature", CustomerQuery.FEATURES, "the feature min and max filter on"),
                Route.Param.query("min", "number", "only customers with the feature at least this"),
                Route.Param.query("max", "number", "only customers with the feature at most this"));
        Map<Integer, String> pagingErrors = Map.of(400, "a parameter is not valid (named in the message)",
                404, "no such segment");
        List<Route.Param> segmentPaging = new ArrayList<>();
        segmentPaging.add(segmentId);
        segmentPaging.addAll(paging);
        List<Route.Param> customerPaging = new ArrayList<>();
        customerPaging.add(Route.Param.query("segment", "integer", "only this segment's customers"));
        customerPaging.addAll(paging);
        List<Route.Param> export = new ArrayList<>(segmentPaging);
        export.removeIf(p -> p.name().equals("limit") || p.name().equals("offset"));
        return List.of(
                Route.get("/", "dashboard", "docs", "The dashboard (HTML)", List.of(), HTML, null, none,
                        ctx -> ctx.contentType(HTML).result(dashboard)),
                Route.get("/api/health", "getHealth", "run", "Liveness and the loaded run, its recommender and offer"
                        + " mode", List.of(), JSON_TYPE, Answers.Health.class, none, this::health),
                Route.get("/api/summary", "getSummary", "run",
                        "The run's summary.json: cleaning, customers, PCA, k and why, metrics, segments, and the"
                                + " recommender with its offer mode, parameters and why", List.of(), JSON_TYPE,
                        Answers.Summary.class, none, this::summary),
                Route.get("/api/evaluation", "getEvaluation", "run",
                        "The run folder's evaluation.json (written by retailseg evaluate): hold-out numbers of the"
                                + " recommenders and the segments' stability", List.of(), JSON_TYPE,
                        io.retailseg.runfolder.EvaluationReport.class,
                        Map.of(404, "the run folder has no evaluation.json"), this::evaluation),
                Route.get("/report", "getReport", "run", "The run's HTML report (report.html)", List.of(), HTML, null,
                        Map.of(404, "the run folder has no report.html"), this::report),
                Route.get("/api/segments", "listSegments", "segments",
                        "Every segment: name, size, revenue share, profile and best sellers, and the average customer",
                        List.of(), JSON_TYPE, Answers.SegmentList.class, none, this::segments),
                Route.get("/api/segments/{id}", "getSegment", "segments",
                        "One segment: name, size, revenue share, profile and best sellers", List.of(segmentId),
                        JSON_TYPE, Answers.SegmentDetail.class,
                        Map.of(400, "the id is not a whole number", 404, "no such segment"), this::segment),
                Route.get("/api/segments/{id}/customers", "listSegmentCustomers", "segments",
                        "A segment's customers, sorted, filtered and paged", segmentPaging, JSON_TYPE,
                        Answers.CustomerPage.class, pagingErrors, ctx -> customers(ctx, true)),
                Route.get("/api/segments/{id}/customers.csv", "exportSegmentCustomers", "segments",
                        "A segment's customers as CSV (every page; the same sort and filter as"
                                + " listSegmentCustomers): CustomerID, Outlier_Score, the 15 features", export,
                        CSV_TYPE, null, pagingErrors, this::exportCustomers),
                Route.get("/api/customers", "listCustomers", "customers",
                        "Customers of the run (or of one segment), sorted, filtered and paged", customerPaging,
                        JSON_TYPE, Answers.CustomerPage.class, pagingErrors, ctx -> customers(ctx, false)),
                Route.get("/api/customers/{id}", "getCustomer", "customers",
                        "One customer: features and their segment's means, outlier score, segment and"
                                + " recommendations with reasons", List.of(customerId), JSON_TYPE,
                        Answers.CustomerDetail.class,
                        Map.of(400, "the id is not a whole number", 404, "no such customer"), this::customer),
                new Route(HandlerType.POST, "/api/score", "scoreLines", "scoring",
                        "Score transaction lines of one or many customers with the run's model",
                        List.of(), List.of(ScoreRequest.JSON_TYPE, ScoreRequest.CSV_TYPE), Answers.ScoreLines.class,
                        JSON_TYPE, Answers.ScoreResult.class,
                        Map.of(400, "malformed or empty body, or a bad field (named with its line)",
                                413, "body larger than the server's limit (serve --max-body-bytes), sent or decoded,"
                                        + " or more lines than its --max-lines",
                                415, "Content-Type is neither application/json nor text/csv, or a Content-Encoding"
                                        + " other than gzip, deflate or identity"), false, this::score),
                new Route(HandlerType.POST, "/api/admin/reload", "reload", "admin",
                        "Load a run folder (default: the current one again; serving from a database: a published"
                                + " run id, default the newest) and swap it in atomically",
                        List.of(new Route.Param("run", "query", "string", false,
                                "run folder to load (or JSON body {\"run\": ...})", List.of())),
                        List.of(ScoreRequest.JSON_TYPE), Answers.ReloadRequest.class, JSON_TYPE,
                        Answers.Reloaded.class,
                        Map.of(400, "not a valid path, or the folder is not a complete run; the current run stays",
                                401, "no Authorization: Bearer token", 403, "wrong token, or reload disabled",
                                404, "no run folder by that name under the runs root (also for any path outside it)"),
                        true, this::reload),
                Route.get("/openapi.json", "getOpenApi", "docs", "This OpenAPI document", List.of(), JSON_TYPE, null,
                        none, ctx -> ctx.contentType(JSON_TYPE).result(OpenApiFile.bytes())),
                Route.get("/docs", "docs", "docs", "Readable API docs (Swagger UI)", List.of(), HTML, null, none,
                        ctx -> ctx.contentType(HTML).result(docs)));
    }


    RunSnapshot snapshot() {
        return current.get();
    }

    private void health(Context ctx) {
        RunSnapshot s = current.get();
        json(ctx, new Answers.Health("ok", s.id(), s.origin(), s.loadedAt().toString(), s.customers().size(),
                s.segments(), s.scorer().model().recommender().kind(), s.scorer().model().offer(),
                s.evaluation().isPresent(), s.report().isPresent()));
    }

    private void summary(Context ctx) {
        RunSnapshot s = current.get();
        json(ctx, new Answers.Summary(s.id(), s.summary()));
    }

    private void evaluation(Context ctx) {
        RunSnapshot s = current.get();
        json(ctx, s.evaluation().orElseThrow(() -> ApiException.notFound("run " + s.id()
                + " has no evaluation.json: run retailseg evaluate with --out to this folder")));
    }

    private void report(Context ctx) {
        RunSnapshot s = current.get();
        byte[] html = s.report().orElseThrow(() -> ApiException.notFound("run " + s.id()
                + " has no report.html: build it with retailseg report"));
        ctx.header("Content-Security-Policy", Headers.REPORT_CSP);
        ctx.contentType(HTML).result(html);
    }

    private void segments(Context ctx) {
        RunSnapshot s = current.get();
        List<Answers.Segment> list = new ArrayList<>();
        for (int id = 0; id < s.segments(); id++) {
            list.add(segmentAnswer(s, id));
        }
        json(ctx, new Answers.SegmentList(s.id(), derived(s).average(), list));
    }

    private void segment(Context ctx) {
        RunSnapshot s = current.get();
        int id = segmentId(s, ctx.pathParam("id"), "segment id");
        json(ctx, new Answers.SegmentDetail(s.id(), segmentAnswer(s, id)));
    }

    private static Answers.Segment segmentAnswer(RunSnapshot s, int id) {
        List<Answers.BestSeller> top = new ArrayList<>();
        for (TopProduct p : s.topProducts(id)) {
            top.add(new Answers.BestSeller(p.rank(), p.stockCode(), p.description(), p.quantity()));
        }
        return new Answers.Segment(s.segmentSummary(id), top);
    }

    private void customer(Context ctx) {
        RunSnapshot s = current.get();
        long id = parseLong(ctx.pathParam("id"), "customer id");
        int index = s.indexOf(id);
        if (index < 0) {
            throw ApiException.notFound("no customer " + id + " in run " + s.id());
        }
        RunSnapshot.Customer c = s.customers().get(index);
        Derived d = derived(s);
        json(ctx, new Answers.CustomerDetail(s.id(), customerAnswer(s, c, d.outlierScores()[index]),
                c.outlier() ? null : s.segmentSummary(c.segment()).featureMeans(),
                s.scorer().model().outliers().threshold()));
    }

    private void customers(Context ctx, boolean ofSegment) {
        RunSnapshot s = current.get();
        String segmentText = ofSegment ? ctx.pathParam("id") : ctx.queryParam("segment");
        Integer segment = segmentText == null || segmentText.isEmpty() ? null
                : segmentId(s, segmentText, ofSegment ? "segment id" : "segment");
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        CustomerQuery query = CustomerQuery.of(ctx, segment);
        Derived d = derived(s);
        List<Integer> rows = query.apply(s, d.outlierScores());
        List<Answers.Customer> page = new ArrayList<>();
        for (int i = offset; i < rows.size() && i < (long) offset + limit; i++) {
            int index = rows.get(i);
            page.add(customerAnswer(s, s.customers().get(index), d.outlierScores()[index]));
        }
        json(ctx, new Answers.CustomerPage(s.id(), segment, rows.size(), offset, limit, query.sort(), query.order(),
                page));
    }

    /** Every matching customer as CSV: the export of the dashboard's table, in the same order. */
    private void exportCustomers(Context ctx) {
        RunSnapshot s = current.get();
        int segment = segmentId(s, ctx.pathParam("id"), "segment id");
        CustomerQuery query = CustomerQuery.of(ctx, segment);
        Derived d = derived(s);
        StringBuilder csv = new StringBuilder("CustomerID,Outlier_Score");
        for (String f : CustomerQuery.FEATURES) {
            csv.append(',').append(f);
        }
        csv.append('\n');
        for (int index : query.apply(s, d.outlierScores())) {
            RunSnapshot.Customer c = s.customers().get(index);
            csv.append(c.id()).append(',').append(d.outlierScores()[index]);
            for (double v : c.features()) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        ctx.header("Content-Disposition", "attachment; filename=\"segment-" + segment + "-customers.csv\"");
        ctx.contentType(CSV_TYPE).result(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Answers.Customer customerAnswer(RunSnapshot s, RunSnapshot.Customer c, double outlierScore) {
        List<Answers.Recommendation> recs = new ArrayList<>();
        for (RunSnapshot.Pick p : c.recommendations()) {
            recs.add(new Answers.Recommendation(p.rank(), p.stockCode(), p.description(), p.score(), p.reason()));
        }
        return new Answers.Customer(c.id(), features(c.features()), outlierScore, c.outlier(),
                c.outlier() ? null : c.segment(), c.outlier() ? null : s.scorer().model().segmentName(c.segment()),
                recs, Answers.Value.of(c.value()));
    }

    /**
     * What the answers derive from a run, computed once per run: every customer's outlier score (the model's
     * isolation forest on the stored features, as scoring computes it) and the average customer.
     */
    private record Derived(RunSnapshot snapshot, double[] outlierScores, Map<String, Double> average) {
    }

    private volatile Derived derived;

    private Derived derived(RunSnapshot s) {
        Derived d = derived;
        if (d != null && d.snapshot() == s) {
            return d;
        }
        List<RunSnapshot.Customer> all = s.customers();
        double[] scores = new double[all.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = s.scorer().model().outliers().score(all.get(i).features());
        }
        double[] sum = new double[Feature.values().length];
        long n = 0;
        for (RunSnapshot.Customer c : all) {
            if (!c.outlier()) {
                for (int f = 0; f < sum.length; f++) {
                    sum[f] += c.features()[f];
                }
                n++;
            }
        }
        for (int f = 0; f < sum.length; f++) {
            sum[f] = n == 0 ? 0 : sum[f] / n;
        }
        d = new Derived(s, scores, features(sum));
        derived = d;
        return d;
    }

    private void score(Context ctx) {
        RunSnapshot s = current.get();
        byte[] body = readBody(ctx);
        Transactions lines = ScoreRequest.parse(ctx.contentType(), body, maxLines);
        ScoreResult result = s.scorer().score(lines);
        List<Answers.ScoredCustomer> customers = new ArrayList<>();
        for (ScoredCustomer c : result.customers()) {
            List<Answers.Recommendation> recs = new ArrayList<>();
            for (Recommendation r : c.recommendations()) {
                recs.add(new Answers.Recommendation(r.rank(), r.stockCode(), r.description(), r.score(), r.reason()));
            }
            customers.add(new Answers.ScoredCustomer(c.customerId(), features(c.features()), c.outlierScore(),
                    c.outlier(), c.outlier() ? null : c.segment(), c.segmentName(), recs, Answers.Value.of(c.value())));
        }
        List<Answers.NotScored> notScored = new ArrayList<>();
        result.notScored().forEach((id, reason) -> notScored.add(new Answers.NotScored(id, reason)));
        List<Answers.CleaningStep> steps = new ArrayList<>();
        result.cleaning().steps().forEach(st -> steps.add(new Answers.CleaningStep(st.step(), st.removed())));
        json(ctx, new Answers.ScoreResult(s.id(), lines.size(), new Answers.ScoreCleaning(result.cleaning().rowsIn(),
                steps, result.cleaning().rowsOut()), customers, notScored));
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
        json(ctx, new Answers.Reloaded(next.id(), before.id(), next.origin(), next.customers().size(),
                next.segments()));
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

    /** The 15 features by column name. */
    private static Map<String, Double> features(double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            m.put(f.columnName(), values[f.ordinal()]);
        }
        return m;
    }

    /** An ordered map of alternating keys and values. */
    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Writes {@code value}, a record of {@link Answers} (or a run-folder record), as the API's JSON. */
    static void json(Context ctx, Object value) {
        ctx.contentType(JSON_TYPE).result(ApiJson.bytes(value));
    }
}
