package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.retailseg.pipeline.RunResult;
import io.retailseg.recommend.Recommendation;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reloads alternating between two different runs (k = 3 and k = 4) while four clients call the API:
 * every response must be entirely one run's answer, the one its {@code run} field names (segment
 * count and names, a customer's segment and recommendations, a scored customer's segment).
 */
class ConcurrentReloadTest {
    private static final String TOKEN = "t";
    private static final int RELOADS = 30;
    private static final int CLIENTS = 4;
    private static final int MIN_REQUESTS_PER_CLIENT = 60;

    private record Expected(RunResult run) {
        int segmentOf(long customer) {
            return run.segmentation().segmentAt(run.customers().rowOf(customer)).orElse(-1);
        }

        List<String> recommendationsOf(long customer) {
            return run.recommendations().stream().filter(r -> r.customerId() == customer)
                    .map(Recommendation::stockCode).toList();
        }
    }

    @Test
    void everyResponseIsOneRunsAnswerWhileReloadsSwapRuns() throws Exception {
        TwoRuns runs = TwoRuns.INSTANCE;
        String idA = RunSnapshot.load(runs.folderA).id();
        String idB = RunSnapshot.load(runs.folderB).id();
        assertThat(idA).isNotEqualTo(idB);
        Map<String, Expected> expected = Map.of(idA, new Expected(runs.a), idB, new Expected(runs.b));
        // customers segmented in both runs, so that segment and recommendations differ between runs
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < runs.a.customers().size() && customers.size() < 8; i++) {
            long id = runs.a.customers().customerId(i);
            if (!runs.a.outlier()[i] && !runs.b.outlier()[runs.b.customers().rowOf(id)]) {
                customers.add(id);
            }
        }
        Map<Long, String> csv = new ConcurrentHashMap<>();
        customers.forEach(c -> csv.put(c, runs.csvOf(c)));

        try (RetailSegServer server = RetailSegServer.start(RetailSegServer.Settings.of(runs.folderA).withPort(0)
                .withAdminToken(TOKEN))) {
            AtomicBoolean reloading = new AtomicBoolean(true);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger checked = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            // reloads start once every client has had an answer, so that they overlap the requests
            CountDownLatch clientsRunning = new CountDownLatch(CLIENTS);
            List<Future<?>> futures = new ArrayList<>();
            futures.add(pool.submit(() -> {
                Http http = new Http(server.url());
                try {
                    if (!clientsRunning.await(60, TimeUnit.SECONDS)) {
                        problems.add("clients did not start");
                    }
                    for (int i = 0; i < RELOADS; i++) {
                        String folder = (i % 2 == 0 ? runs.folderB : runs.folderA).toString();
                        Http.Reply r = http.post("/api/admin/reload", "application/json",
                                HttpRequest.BodyPublishers.ofString("{\"run\": \"" + folder + "\"}"), TOKEN);
                        if (r.status() != 200) {
                            problems.add("reload " + r.status() + " " + r.body());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problems.add("interrupted");
                } finally {
                    reloading.set(false);
                }
            }));
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                futures.add(pool.submit(() -> {
                    Http http = new Http(server.url());
                    int n = 0;
                    while (reloading.get() || n < MIN_REQUESTS_PER_CLIENT) {
                        long customer = customers.get((client + n) % customers.size());
                        String problem = switch (n % 4) {
                            case 0 -> checkCustomer(http.get("/api/customers/" + customer), customer, expected, seen);
                            case 1 -> checkSegments(http.get("/api/segments"), expected, seen);
                            case 2 -> checkScore(http.post("/api/score", "text/csv", csv.get(customer)), customer,
                                    expected, seen);
                            default -> checkSummary(http.get("/api/summary"), expected, seen);
                        };
                        if (problem != null) {
                            problems.add(problem);
                        }
                        checked.incrementAndGet();
                        if (n == 0) {
                            clientsRunning.countDown();
                        }
                        n++;
                    }
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(problems).isEmpty();
            assertThat(checked.get()).isGreaterThanOrEqualTo(CLIENTS * MIN_REQUESTS_PER_CLIENT);
            assertThat(seen).containsExactlyInAnyOrder(idA, idB);
            assertThat(server.runId()).isEqualTo(idA); // 30 reloads, the last one back to A
        }
    }

    private static Expected runOf(JsonNode body, Map<String, Expected> expected, Set<String> seen) {
        String id = body.path("run").asText();
        seen.add(id);
        return expected.get(id);
    }

    private static String checkCustomer(Http.Reply r, long customer, Map<String, Expected> expected, Set<String> seen) {
        if (r.status() != 200) {
            return "customer " + r.status() + " " + r.body();
        }
        JsonNode c = r.json();
        Expected e = runOf(c, expected, seen);
        List<String> recs = new ArrayList<>();
        c.get("recommendations").forEach(x -> recs.add(x.get("stock_code").asText()));
        if (e == null || c.get("segment").asInt() != e.segmentOf(customer) || !recs.equals(e.recommendationsOf(customer))
                || !c.get("segment_name").asText().equals(e.run().profiles().get(e.segmentOf(customer)).name())) {
            return "customer " + customer + " inconsistent with run " + c.path("run") + ": " + r.body();
        }
        return null;
    }

    private static String checkSegments(Http.Reply r, Map<String, Expected> expected, Set<String> seen) {
        if (r.status() != 200) {
            return "segments " + r.status();
        }
        JsonNode body = r.json();
        Expected e = runOf(body, expected, seen);
        if (e == null || body.get("segments").size() != e.run().k()) {
            return "segments inconsistent: " + body.path("run");
        }
        Set<String> names = new HashSet<>();
        body.get("segments").forEach(s -> names.add(s.get("id").asInt() + s.get("name").asText() + s.get("size").asInt()));
        Set<String> want = new HashSet<>();
        e.run().profiles().forEach(p -> want.add(p.id() + p.name() + p.size()));
        return names.equals(want) ? null : "segment names/sizes inconsistent with run " + body.path("run");
    }

    private static String checkScore(Http.Reply r, long customer, Map<String, Expected> expected, Set<String> seen) {
        if (r.status() != 200) {
            return "score " + r.status() + " " + r.body();
        }
        JsonNode body = r.json();
        Expected e = runOf(body, expected, seen);
        JsonNode c = body.get("customers").get(0);
        List<String> recs = new ArrayList<>();
        c.get("recommendations").forEach(x -> recs.add(x.get("stock_code").asText()));
        if (e == null || c.get("segment").asInt() != e.segmentOf(customer) || !recs.equals(e.recommendationsOf(customer))) {
            return "score of " + customer + " inconsistent with run " + body.path("run");
        }
        return null;
    }

    private static String checkSummary(Http.Reply r, Map<String, Expected> expected, Set<String> seen) {
        JsonNode body = r.json();
        Expected e = runOf(body, expected, seen);
        if (r.status() != 200 || e == null || body.at("/k_selection/chosen_k").asInt() != e.run().k()
                || body.at("/customers/outliers").asInt() != e.run().outlierCount()) {
            return "summary inconsistent: " + body.path("run");
        }
        return null;
    }
}
