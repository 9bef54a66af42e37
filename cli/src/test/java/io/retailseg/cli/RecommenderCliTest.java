package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.RecommenderKind;
import io.retailseg.domain.Transactions;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --recommender} and {@code --offer} on {@code run}, {@code score} and {@code serve}, as a user runs
 * them: the model a run writes recommends in {@code score} exactly as the run did, the reference rule stays
 * available from any model, and a wrong name is a one-line usage error.
 */
class RecommenderCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path input;
    /** A run with the default recommender (the hybrid). */
    private static Path hybrid;
    private static CliTest.Outcome hybridRun;

    @BeforeAll
    static void runOnce() {
        input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(20_000, 3, input);
        hybrid = dir.resolve("hybrid");
        hybridRun = run(hybrid);
    }

    private static CliTest.Outcome run(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--out", out.toString(),
                "--k", "3", "--seed", "4", "--no-report"));
        args.addAll(List.of(options));
        CliTest.Outcome o = CliTest.execute(args.toArray(String[]::new));
        assertThat(o.exitCode()).as(o.err()).isZero();
        return o;
    }

    private static JsonNode recommendations(Path run) throws IOException {
        return JSON.readTree(run.resolve("summary.json").toFile()).get("recommendations");
    }

    /** summary.json names the recommender, offer mode and why; run's stdout says the same on one line. */
    private static JsonNode assertRecommender(Path run, CliTest.Outcome o, String recommender, String offer)
            throws IOException {
        JsonNode r = recommendations(run);
        assertThat(r.get("recommender").asText()).isEqualTo(recommender);
        assertThat(r.get("offer").asText()).isEqualTo(offer);
        assertThat(r.get("why").asText()).isNotBlank();
        assertThat(o.out().lines().filter(l -> l.startsWith("Recommender: ")).toList()).containsExactly(
                "Recommender: " + recommender + " (offer " + offer + "): " + r.get("why").asText() + ".");
        return r;
    }

    private static CliTest.Outcome score(Path model, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("score", "--model", model.toString(), "--input", input.toString(),
                "--out", out.toString()));
        args.addAll(List.of(options));
        return CliTest.execute(args.toArray(String[]::new));
    }

    private static void assertOneLineUsageError(CliTest.Outcome o, String... parts) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip()).startsWith("retailseg: ").doesNotContain("\n").contains(parts);
    }

    /** Every scored customer's Rec columns are the run's recommendations.csv rows, byte for byte. */
    private static void assertScoreReproducesTheRun(Path scored, Path run) {
        Map<String, List<String>> want = RecColumns.ofRun(run.resolve("recommendations.csv"));
        Map<String, List<String>> got = RecColumns.ofScored(scored);
        assertThat(want).isNotEmpty();
        assertThat(got.keySet()).containsAll(want.keySet());
        got.forEach((customer, recs) -> assertThat(recs).as("customer " + customer)
                .isEqualTo(want.getOrDefault(customer, List.of())));
    }

    /**
     * The products of each customer's lines: of their cleaned purchases (positive quantities), or of any raw
     * line of theirs (cancellations and lines cleaning drops included).
     */
    private static Map<String, Set<String>> products(boolean cleanedPurchases) {
        Transactions raw = TransactionReader.read(input);
        Transactions lines = cleanedPurchases ? Cleaner.clean(raw).lines() : raw;
        Map<String, Set<String>> out = new HashMap<>();
        for (int r = 0; r < lines.size(); r++) {
            if (lines.customerId(r) != Transactions.MISSING_CUSTOMER && (!cleanedPurchases || lines.quantity(r) > 0)) {
                out.computeIfAbsent(Long.toString(lines.customerId(r)), x -> new HashSet<>())
                        .add(lines.stockCodeText(r));
            }
        }
        return out;
    }

    @Test
    void theDefaultIsTheHybridAndRunSaysSoWithTheOfferModeAndWhy() throws IOException {
        JsonNode r = assertRecommender(hybrid, hybridRun, "hybrid", "new_only");
        assertThat(r.get("why").asText()).startsWith("the default");
    }

    @Test
    void aCoPurchaseRunWritesAModelWhoseScoreReproducesItsRecommendations() throws IOException {
        Path run = dir.resolve("co-purchase");
        CliTest.Outcome o = run(run, "--recommender", "co-purchase");
        JsonNode r = assertRecommender(run, o, "co-purchase", "new_only");
        assertThat(r.get("why").asText()).isEqualTo("chosen with --recommender co-purchase (the default is hybrid)");
        assertThat(JSON.readTree(run.resolve("model.json").toFile()).toString()).contains("co-purchase");

        Path scored = dir.resolve("co-purchase-scored.csv");
        CliTest.Outcome s = score(run, scored);
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertScoreReproducesTheRun(scored, run);
        // the model's own recommender, named: the same lists
        Path named = dir.resolve("co-purchase-named.csv");
        assertThat(score(run, named, "--recommender", "co-purchase").exitCode()).isZero();
        assertScoreReproducesTheRun(named, run);
        // and they are not the hybrid's (the test would pass on any one recommender otherwise)
        assertThat(RecColumns.ofRun(run.resolve("recommendations.csv")))
                .isNotEqualTo(RecColumns.ofRun(hybrid.resolve("recommendations.csv")));
    }

    @Test
    void anUnknownRecommenderIsAUsageErrorListingTheNames() {
        CliTest.Outcome o = CliTest.execute("run", "--input", input.toString(), "--out", dir.resolve("nope").toString(),
                "--recommender", "nope");
        assertOneLineUsageError(o, "--recommender", "\"nope\"");
        for (RecommenderKind k : RecommenderKind.values()) {
            assertThat(o.err()).contains(k.id());
        }
        assertThat(dir.resolve("nope")).doesNotExist();
    }

    @Test
    void scoringWithARecommenderTheModelDoesNotHoldIsAUsageError() {
        Path out = dir.resolve("never.csv");
        CliTest.Outcome o = score(hybrid, out, "--recommender", "ease");
        assertOneLineUsageError(o, "--recommender", "hybrid", "ease");
        assertThat(out).doesNotExist();
        assertOneLineUsageError(score(hybrid, out, "--recommender", "nope"), "\"nope\"", "segment-best-sellers");
    }

    @Test
    void segmentBestSellersFromAHybridModelAreTheSpecSection7Lists() throws IOException {
        Path scored = dir.resolve("reference-from-hybrid.csv");
        CliTest.Outcome o = score(hybrid, scored, "--recommender", "segment-best-sellers");
        assertThat(o.exitCode()).as(o.err()).isZero();

        // the lists of a run fitted with the reference rule (the same segments: the recommender does not change them)
        Path reference = dir.resolve("reference");
        run(reference, "--recommender", "segment-best-sellers");
        assertThat(RecColumns.read(reference.resolve("customers.csv")).stream().map(r -> r.getField("Segment")))
                .isEqualTo(RecColumns.read(hybrid.resolve("customers.csv")).stream().map(r -> r.getField("Segment"))
                        .toList());
        assertScoreReproducesTheRun(scored, reference);

        // and SPEC section 7 itself, from the files: the segment's best sellers by rank, skipping those bought
        Map<String, List<String>> bestSellers = new HashMap<>();
        for (NamedCsvRecord p : RecColumns.read(hybrid.resolve("top_products.csv"))) {
            bestSellers.computeIfAbsent(p.getField("Segment"), x -> new ArrayList<>()).add(p.getField("StockCode"));
        }
        Map<String, Set<String>> bought = products(true);
        Map<String, Set<String>> anyLine = products(false);
        int checked = 0;
        for (NamedCsvRecord row : RecColumns.read(scored)) {
            if (row.getField("Segment").isEmpty()) {
                continue;
            }
            List<String> recs = RecColumns.ofScored(row);
            List<String> top = bestSellers.get(row.getField("Segment"));
            Set<String> own = bought.getOrDefault(row.getField("CustomerID"), Set.of());
            int last = -1;
            for (String rec : recs) {
                String code = rec.split("\\|")[0];
                int rank = top.indexOf(code);
                assertThat(rank).as(rec).isGreaterThan(last);
                // every best seller passed over was one the customer bought
                top.subList(last + 1, rank).forEach(skipped -> assertThat(anyLine.get(row.getField("CustomerID")))
                        .as(row.getField("CustomerID")).contains(skipped));
                assertThat(own).doesNotContain(code);
                assertThat(rec).endsWith("|top seller #" + (rank + 1) + " in your segment (by quantity)");
                last = rank;
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void serveRefusesARecommenderOtherThanTheRunsBeforeItBinds() {
        CliTest.Outcome o = CliTest.execute("serve", "--run", hybrid.toString(), "--port", "0", "--recommender", "ease");
        assertOneLineUsageError(o, "--recommender", "recommends with hybrid, not ease");
        assertOneLineUsageError(CliTest.execute("serve", "--run", hybrid.toString(), "--port", "0", "--recommender",
                "nope"), "\"nope\"");
    }

    @Test
    void offerAnyRecommendsRebuysAndScoreKeepsTheMode() throws IOException {
        Path run = dir.resolve("any");
        CliTest.Outcome o = run(run, "--offer", "any");
        assertRecommender(run, o, "hybrid", "any");
        Map<String, Set<String>> bought = products(true);
        long rebuys = RecColumns.read(run.resolve("recommendations.csv")).stream()
                .filter(r -> bought.getOrDefault(r.getField("CustomerID"), Set.of()).contains(r.getField("StockCode")))
                .count();
        assertThat(rebuys).as("products recommended again to customers who bought them").isPositive();
        // new_only (the default) never does
        assertThat(RecColumns.read(hybrid.resolve("recommendations.csv")).stream()
                .filter(r -> bought.getOrDefault(r.getField("CustomerID"), Set.of()).contains(r.getField("StockCode"))))
                .isEmpty();
        Path scored = dir.resolve("any-scored.csv");
        assertThat(score(run, scored).exitCode()).isZero();
        assertScoreReproducesTheRun(scored, run);
        assertOneLineUsageError(CliTest.execute("run", "--input", input.toString(), "--out",
                dir.resolve("never").toString(), "--offer", "some"), "--offer");
    }

    @Test
    void compatNotebookKeepsTheReferenceRuleAsItsDefault() throws IOException {
        Path notebook = dir.resolve("notebook");
        assertThat(assertRecommender(notebook, run(notebook, "--compat", "notebook"), "segment-best-sellers",
                "new_only").get("why").asText()).contains("reference");
        assertThat(RecColumns.read(notebook.resolve("recommendations.csv")).stream().map(x -> x.getField("Reason")))
                .isNotEmpty().allMatch(reason -> reason.startsWith("top seller #"));
    }
}
