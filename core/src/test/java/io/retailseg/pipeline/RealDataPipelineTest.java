package io.retailseg.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.retailseg.SharedFiles;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.Compat;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.io.TransactionReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on the real UCI Online Retail file, compared with {@code shared/reference/}: the
 * cleaning counts and every customer's 15 features (computed independently with pandas) exactly, the
 * metrics of a {@code --k 3 --compat notebook} run loosely (the Isolation Forest's randomness
 * differs from scikit-learn's). Skipped when the shared files are absent.
 */
class RealDataPipelineTest {
    private static Transactions raw;

    @BeforeAll
    static void read() {
        Path file = SharedFiles.realData();
        Assumptions.assumeTrue(Files.exists(file), "real data not found at " + file.toAbsolutePath());
        raw = TransactionReader.read(file);
    }

    @Test
    void cleaningCountsEqualTheReference() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(SharedFiles.resolve("reference/summary_spec.json").toFile());
        Cleaner.Result r = Cleaner.clean(raw);
        assertThat(r.report().rowsIn()).isEqualTo(ref.at("/cleaning/rows_in").asLong());
        for (JsonNode step : ref.at("/cleaning/steps")) {
            assertThat(r.report().removed(step.get("step").asText()))
                    .as(step.get("step").asText()).isEqualTo(step.get("removed").asLong());
        }
        assertThat(r.report().steps()).extracting(s -> s.step()).containsExactly(
                "missing_values", "duplicates", "anomalous_stock_codes", "service_lines", "non_positive_price");
        assertThat(r.report().rowsOut()).isEqualTo(ref.at("/cleaning/rows_out").asLong()).isEqualTo(399_573);
        assertThat(r.report().cancelledLines()).isEqualTo(8_872);
        assertThat(r.report().anomalousStockCodes())
                .containsExactly("BANK CHARGES", "C2", "CRUK", "D", "DOT", "M", "PADS", "POST");
    }

    @Test
    void everyCustomersFeaturesEqualTheIndependentComputation() throws IOException {
        CustomerTable table = FeatureExtractor.extract(Cleaner.clean(raw).lines(), Compat.SPEC);
        List<NamedCsvRecord> expected = readReference();
        assertThat(table.size()).isEqualTo(expected.size()).isEqualTo(4_362);
        for (int i = 0; i < expected.size(); i++) {
            NamedCsvRecord rec = expected.get(i);
            assertThat(table.customerId(i)).isEqualTo(Long.parseLong(rec.getField("CustomerID")));
            for (Feature f : Feature.values()) {
                double want = Double.parseDouble(rec.getField(f.columnName()));
                double got = table.value(i, f);
                double tolerance = Math.max(1e-9, 1e-9 * Math.abs(want));
                assertThat(got).as("customer %s %s", rec.getField("CustomerID"), f.columnName())
                        .isCloseTo(want, within(tolerance));
            }
        }
    }

    @Test
    void notebookCompatibleRunAtK3MatchesTheReferenceMetrics() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(SharedFiles.resolve("reference/summary_notebook.json").toFile());
        RunResult r = RetailSeg.run(RunConfig.builder().k(3).compat(Compat.NOTEBOOK).build(),
                TransactionSource.of("online_retail.csv.gz", raw));
        assertThat(r.customers().size()).isEqualTo(ref.at("/counts/customers").asInt());
        assertThat(r.outlierCount()).isCloseTo(ref.at("/counts/outliers").asInt(), within(10));
        assertThat(r.metrics().silhouette()).isCloseTo(ref.at("/counts/silhouette").asDouble(), within(0.03));
        assertThat(r.metrics().calinskiHarabasz())
                .isCloseTo(ref.at("/counts/calinski_harabasz").asDouble(), within(0.05 * 1257.18));
        assertThat(r.metrics().daviesBouldin()).isCloseTo(ref.at("/counts/davies_bouldin").asDouble(), within(0.1));
        double[] cumulative = new double[6];
        double sum = 0;
        for (int c = 0; c < 6; c++) {
            sum += r.pca().explainedVarianceRatio()[c];
            cumulative[c] = sum;
        }
        assertThat(cumulative[5]).isCloseTo(ref.at("/counts/pca_cumulative_variance/5").asDouble(), within(0.03));
    }

    /**
     * SPEC section 7 with {@code --recommender segment-best-sellers} against pandas: the digests printed by
     * core/src/test/python/recommendations_real.py for this run's segments (its customers.csv), 20 best
     * sellers and 12,429 recommendations.
     */
    @Test
    void theReferenceRuleMatchesPandasOnTheRealFile() throws Exception {
        RunResult r = RetailSeg.run(RunConfig.builder().recommender(RecommenderKind.SEGMENT_BEST_SELLERS).build(),
                TransactionSource.of("online_retail.csv.gz", raw));
        StringBuilder top = new StringBuilder();
        for (TopProduct p : r.topProducts()) {
            top.append(p.segment()).append(',').append(p.rank()).append(',').append(p.stockCode()).append(',')
                    .append(p.quantity()).append('\n');
        }
        StringBuilder recs = new StringBuilder();
        for (Recommendation rec : r.recommendations()) {
            recs.append(rec.customerId()).append(',').append(rec.segment()).append(',').append(rec.rank()).append(',')
                    .append(rec.stockCode()).append('\n');
        }
        assertThat(r.topProducts()).hasSize(20);
        assertThat(r.recommendations()).hasSize(12_429);
        assertThat(sha256(top)).isEqualTo("1ad7ed270831ad3a2f15105e4b2087d9dd7f9ba541a3a679c1bd3217af7134f7");
        assertThat(sha256(recs)).isEqualTo("2981d1695b7ef9f5cffaa333b790e1fc9de38a68cd60d6f46d40a409dc11d5ef");
    }

    private static String sha256(CharSequence text) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<NamedCsvRecord> readReference() throws IOException {
        Path file = SharedFiles.resolve("reference/customer_features_spec.csv.gz");
        List<NamedCsvRecord> rows = new ArrayList<>();
        try (var reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8);
             var csv = CsvReader.builder().ofNamedCsvRecord(reader)) {
            csv.forEach(rows::add);
        }
        return rows;
    }

    /** Expected numbers printed by core/src/test/python/data_profile_real.py (pandas). */
    @Test
    void dataProfileEqualsPandas() {
        io.retailseg.explore.DataProfile p = io.retailseg.explore.DataProfiler.profile(raw, Cleaner.clean(raw).lines());
        assertThat(p.rowsRead()).isEqualTo(541_909);
        assertThat(p.missing()).extracting(m -> m.missing()).containsExactly(0L, 0L, 1_454L, 0L, 0L, 0L, 135_080L, 0L);
        assertThat(p.cancellations().cancelledLines()).isEqualTo(8_505);
        assertThat(p.cancellations().invoices()).isEqualTo(21_781);
        assertThat(p.cancellations().cancelledInvoices()).isEqualTo(3_382);
        assertThat(p.cancellations().salesValue()).isCloseTo(8_736_000.64, within(1e-4));
        assertThat(p.cancellations().cancelledValue()).isCloseTo(471_735.71, within(1e-4));
        assertThat(p.countries()).hasSize(37);
        assertThat(p.countries().subList(0, 3)).containsExactly(
                new io.retailseg.explore.DataProfile.CountryCount("United Kingdom", 356_008, 3_942),
                new io.retailseg.explore.DataProfile.CountryCount("Germany", 9_079, 95),
                new io.retailseg.explore.DataProfile.CountryCount("France", 8_152, 87));
        assertThat(p.stockCodes()).extracting(c -> c.stockCode() + "=" + c.lines()).startsWith(
                "85123A=2065", "22423=1893", "85099B=1659");
        assertThat(p.months()).hasSize(13);
        assertThat(p.months().get(0).month()).isEqualTo("2010-12");
        assertThat(p.months().get(0).revenue()).isCloseTo(547_893.92, within(1e-4));
        assertThat(p.months().get(11).month()).isEqualTo("2011-11");
        assertThat(p.months().get(11).revenue()).isCloseTo(1_112_703.12, within(1e-4));
        assertThat(p.months().get(11).customers()).isEqualTo(1_705);
    }
}
