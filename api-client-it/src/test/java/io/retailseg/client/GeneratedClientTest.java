package io.retailseg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.client.api.AdminApi;
import io.retailseg.client.api.CustomersApi;
import io.retailseg.client.api.ScoringApi;
import io.retailseg.client.api.SegmentsApi;
import io.retailseg.client.model.Customer;
import io.retailseg.client.model.CustomerDetail;
import io.retailseg.client.model.CustomerPage;
import io.retailseg.client.model.Reloaded;
import io.retailseg.client.model.ReloadRequest;
import io.retailseg.client.model.ScoreLines;
import io.retailseg.client.model.ScoreResult;
import io.retailseg.client.model.Segment;
import io.retailseg.client.model.SegmentList;
import io.retailseg.client.model.TransactionLine;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.publish.RunWriter;
import io.retailseg.server.OpenApiFile;
import io.retailseg.server.RetailSegServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client openapi-generator made at this module's generate-sources from the server's own document
 * ({@code target/openapi.json}, written by {@link OpenApiFile}), used as a CRM team would use it against a
 * real server on loopback serving a run on generated data: no hand-written HTTP except to check that the
 * served document is the one the client was generated from.
 */
class GeneratedClientTest {
    private static final String TOKEN = "client-test-token";

    @TempDir
    static Path root;

    private static RetailSegServer server;
    private static Transactions raw;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        Path lines = root.resolve("lines.csv");
        SyntheticRetailGenerator.write(10_000, 7, lines);
        raw = TransactionReader.read(lines);
        TransactionSource source = TransactionSource.of(lines.toString(), raw);
        RunWriter.write(RetailSeg.run(RunConfig.builder().k(3).seed(1).build(), source), root.resolve("run-a"));
        RunWriter.write(RetailSeg.run(RunConfig.builder().k(4).seed(2).build(), source), root.resolve("run-b"));
        server = RetailSegServer.start(RetailSegServer.Settings.of(root.resolve("run-a")).withPort(0)
                .withAdminToken(TOKEN));
        client = new ApiClient();
        client.updateBaseUri(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theClientWasGeneratedFromTheDocumentTheServerServes() throws IOException, InterruptedException {
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        byte[] built = Files.readAllBytes(Path.of(System.getProperty("openapi.file", "target/openapi.json")));
        assertThat(served.body()).isEqualTo(built);
    }

    @Test
    void listsSegmentsAndPagesThroughASegmentsCustomers() throws ApiException {
        SegmentsApi segments = new SegmentsApi(client);
        SegmentList list = segments.listSegments();
        assertThat(list.getSegments()).hasSize(3);
        assertThat(list.getAverage()).hasSize(15);
        Segment first = list.getSegments().get(0);
        assertThat(first.getId()).isZero();
        assertThat(first.getTopProducts()).isNotEmpty();

        // every page, sorted by spend, high first: together they are the segment, once each, in order
        List<Customer> all = new ArrayList<>();
        int pageSize = 37;
        CustomerPage page;
        int offset = 0;
        do {
            page = segments.listSegmentCustomers(0, pageSize, offset, "Total_Spend", "desc", null, null, null, null);
            assertThat(page.getTotal()).isEqualTo(first.getSize());
            assertThat(page.getCustomers().size()).isLessThanOrEqualTo(pageSize);
            all.addAll(page.getCustomers());
            offset += pageSize;
        } while (offset < page.getTotal());
        assertThat(all).hasSize(first.getSize());
        Set<Long> ids = new HashSet<>();
        all.forEach(c -> ids.add(c.getCustomerId()));
        assertThat(ids).hasSize(first.getSize());
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).getFeatures().get("Total_Spend"))
                    .isLessThanOrEqualTo(all.get(i - 1).getFeatures().get("Total_Spend"));
        }
        assertThat(all).allMatch(c -> c.getSegment() == 0 && !c.getIsOutlier());

        // a filter: the customers spending at least the median, fewer than all
        double median = all.get(all.size() / 2).getFeatures().get("Total_Spend");
        CustomerPage rich = segments.listSegmentCustomers(0, 1000, 0, null, null, null, "Total_Spend",
                median, null);
        assertThat(rich.getTotal()).isEqualTo((int) all.stream()
                .filter(c -> c.getFeatures().get("Total_Spend") >= median).count());
    }

    @Test
    void fetchesOneCustomer() throws ApiException {
        Customer someone = new SegmentsApi(client).listSegmentCustomers(1, 1, 0, null, null, null, null, null, null)
                .getCustomers().get(0);
        CustomerDetail c = new CustomersApi(client).getCustomer(someone.getCustomerId());
        assertThat(c.getCustomerId()).isEqualTo(someone.getCustomerId());
        assertThat(c.getSegment()).isEqualTo(1);
        assertThat(c.getFeatures()).isEqualTo(someone.getFeatures());
        assertThat(c.getSegmentMeans()).hasSize(15);
        assertThat(c.getOutlierScore()).isLessThanOrEqualTo(c.getOutlierThreshold());
        assertThat(c.getRecommendations()).allSatisfy(r -> assertThat(r.getReason()).isNotBlank());
        assertThatThrownBy(() -> new CustomersApi(client).getCustomer(1L)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(404));
    }

    @Test
    void scoresLines() throws ApiException {
        long customer = raw.customerId(0);
        List<TransactionLine> lines = new ArrayList<>();
        for (int r = 0; r < raw.size(); r++) {
            if (raw.customerId(r) == customer) {
                lines.add(new TransactionLine().invoiceNo(raw.invoiceText(r)).stockCode(raw.stockCodeText(r))
                        .description(raw.description(r) == Transactions.MISSING_DESCRIPTION ? ""
                                : raw.descriptionText(r))
                        .quantity(Integer.toString(raw.quantity(r)))
                        .invoiceDate(raw.invoiceDate(r).format(java.time.format.DateTimeFormatter.ofPattern(
                                "yyyy-MM-dd HH:mm:ss")))
                        .unitPrice(Double.toString(raw.unitPrice(r))).customerID(Long.toString(customer))
                        .country(raw.countryText(r)));
            }
        }
        ScoreResult result = new ScoringApi(client).scoreLines(new ScoreLines().lines(lines));
        assertThat(result.getLines()).isEqualTo(lines.size());
        assertThat(result.getCustomers().size() + result.getNotScored().size()).isEqualTo(1);
        if (!result.getCustomers().isEmpty()) {
            CustomerDetail stored = new CustomersApi(client).getCustomer(customer);
            // the same lines as the run read: the same features and segment
            assertThat(result.getCustomers().get(0).getSegment()).isEqualTo(stored.getSegment());
        }
    }

    @Test
    void reloadsWithTheTokenAndIsRefusedWithout() throws ApiException {
        assertThatThrownBy(() -> new AdminApi(client).reload(null, new ReloadRequest().run("run-b")))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(401));
        ApiClient admin = new ApiClient();
        admin.updateBaseUri(server.url());
        admin.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + TOKEN));
        String before = server.runId();
        Reloaded r = new AdminApi(admin).reload(null, new ReloadRequest().run("run-b"));
        assertThat(r.getPrevious()).isEqualTo(before);
        assertThat(r.getSegments()).isEqualTo(4);
        assertThat(new SegmentsApi(client).listSegments().getSegments()).hasSize(4);
        Reloaded back = new AdminApi(admin).reload(null, new ReloadRequest().run("run-a"));
        assertThat(back.getRun()).isEqualTo(before);
    }
}
