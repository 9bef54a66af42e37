package io.retailseg.runfolder;

import io.retailseg.model.ModelProvenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Feature;
import io.retailseg.explore.DataProfile;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of a run folder (but model.json) reads back as written, and a missing field, a wrong-typed
 * field or an unknown format version is a one-line {@link InputException} naming the file and the field.
 */
class RunFolderFilesTest {
    @TempDir
    Path dir;

    static io.retailseg.config.RunSettings config() {
        return io.retailseg.config.RunSettings.of(io.retailseg.config.RunConfig.builder().k(3).build());
    }

    static Map<String, Double> byFeature(double base) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            m.put(f.columnName(), base + f.ordinal());
        }
        return m;
    }

    static RunSummary summary(Optional<String> runId, Optional<ModelProvenance.Matching> matching) {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("ingest", 12L);
        timings.put("fit", 30L);
        return RunSummary.of(runId, new RunSummary.Input("lines.csv", 1000), config(), 2,
                new RunSummary.Cleaning(1000, List.of(new RunSummary.Step("missing_customer", 10, "no CustomerID")),
                        990, 5, List.of("POST"), new RunSummary.BadLines(2, Map.of("number", 2L),
                        List.of(new RunSummary.BadLine(7, "number", "x.csv:7: field 'Quantity': expected a number")))),
                new RunSummary.Customers(50, 2, 48, 0.61),
                new RunSummary.Pca(2, new double[] {0.5, 0.25}, 0.75, new double[] {0.5, 0.25, 0.125}),
                new RunSummary.KSelection(List.of(new RunSummary.Candidate(2, 10.5, 0.4, 0.01),
                        new RunSummary.Candidate(3, 8.25, 0.45, 0.02)), 3, "silhouette", "highest silhouette",
                        OptionalInt.of(2)),
                new RunSummary.Metrics(0.46, 120.5, 0.8, 0.02, new RunSummary.SampleSize(300)),
                List.of(new RunSummary.Segment(0, "Loyal", 20, 0.6, List.of("high frequency"), byFeature(1),
                        byFeature(-1), java.util.OptionalDouble.of(0.875), java.util.OptionalDouble.of(1234.5)),
                        new RunSummary.Segment(1, "Lapsed", 28, 0.4, List.of(), byFeature(2),
                        byFeature(0.5), java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty())),
                new RunSummary.Recommendations(3, 141, io.retailseg.config.RecommenderKind.HYBRID,
                        io.retailseg.config.OfferMode.NEW_ONLY, java.util.Map.of("products", 12, "recency_days", 60.0),
                        "the default", "a rule", List.of(new io.retailseg.recommend.RecommenderChoice.Evidence(
                                "2011-09-01", "new_only", 0.5, 0.12, "ease", 0.49, 0.11))), matching,
                Optional.of(customerValue()), Optional.empty(), timings);
    }

    /** A customer-value block with a NaN standard error (written as null) and no spend model. */
    static CustomerValueBlock customerValue() {
        return CustomerValueBlock.of(new io.retailseg.clv.CustomerValueModel(java.time.LocalDate.of(2011, 12, 9), 90,
                0.1, new io.retailseg.clv.CustomerValue.Fit<>(new io.retailseg.clv.BgNbd(0.25, 30.5, 0.75, 2.5),
                        -1234.5, new double[] {0.01, Double.NaN, 0.1, 0.2}, 321, true, 4000),
                Optional.empty(), Optional.of("fewer than two customers with a repeat purchase of positive spend")));
    }

    static DataProfileFile dataProfile() {
        List<DataProfile.ColumnMissing> missing = new ArrayList<>();
        for (Column c : Column.values()) {
            missing.add(new DataProfile.ColumnMissing(c.canonicalName(), c.ordinal()));
        }
        return DataProfileFile.of(Optional.of("run-1"), new DataProfile(1000, missing, 990, "2010-12-01",
                "2011-12-09", new DataProfile.Cancellations(990, 9, 100, 3, 5000.5, 12.25),
                List.of(new DataProfile.CountryCount("United Kingdom", 900, 40)),
                List.of(new DataProfile.StockCodeCount("85123A", "WHITE HANGING HEART", 30, 120)),
                List.of(new DataProfile.MonthRevenue("2010-12", 2500.75, 400, 40, 20))));
    }

    static EvaluationReport evaluation(boolean optionalBlocks) {
        EvaluationReport.Difference d = new EvaluationReport.Difference(0.01, 0.005);
        List<Double> jaccard = new ArrayList<>();
        jaccard.add(0.9);
        jaccard.add(null);
        return EvaluationReport.of(Optional.empty(), new RunSummary.Input("lines.csv", 1000), config(), 2,
                new EvaluationReport.Split("2010-12-01", "2011-12-09", "2011-09-10", "holdout_days", OptionalInt.of(90),
                        700, 290, "split"),
                new EvaluationReport.Population(300, 50, 2, 48, 30, 25, 20, 24, 19, "population"),
                new EvaluationReport.Training(3, 0.45, 2, List.of(new EvaluationReport.TrainingSegment(0, "Loyal", 20))),
                new EvaluationReport.MetricsDefinition("t", "p", "r", "h", "n", "c", "a"),
                List.of(new EvaluationReport.Recommender("segment_quantity", "best sellers", "any", 24,
                        List.of(new EvaluationReport.AtN(10, 0.1, 0.2, 0.5, 0.3, 0.04)), true, 0, 0)),
                new EvaluationReport.Comparisons(Optional.of("segment_quantity"), "paired",
                        List.of(new EvaluationReport.Comparison("global_quantity", "any", 10, d, d, d, d))),
                new EvaluationReport.Comparisons(Optional.of("segment_quantity"), "default minus other",
                        List.of(new EvaluationReport.Comparison("global_quantity", "any", 10, d, d, d, d))),
                optionalBlocks ? Optional.of(new EvaluationReport.Stability(2, 3, "bootstrap",
                        new EvaluationReport.AdjustedRand(0.8, 0.7, List.of(0.7, 0.9)),
                        List.of(new EvaluationReport.StabilitySegment(0, Optional.of(0.9), jaccard),
                                new EvaluationReport.StabilitySegment(1, Optional.empty(), List.of()))))
                        : Optional.empty(),
                optionalBlocks ? Optional.of(migrationBlock()) : Optional.empty(),
                optionalBlocks ? Optional.of(new EvaluationReport.CustomerValueCheck(3000, 100,
                        customerValue().bgNbd(), Optional.empty(),
                        List.of(new io.retailseg.clv.HoldoutCheck.Errors("bg_nbd", 0.99, 1.5, 3608, 4776)),
                        List.of(new io.retailseg.clv.HoldoutCheck.Errors("bg_nbd_gamma_gamma", 300.5, 900.25, 1e6, 1.2e6)),
                        List.of(new io.retailseg.clv.HoldoutCheck.Calibration("7+", 12, 5.5, 6.25)), "a definition"))
                        : Optional.empty(),
                Map.of("ingest", 5L));
    }

    static MigrationBlock migrationBlock() {
        return new MigrationBlock("rows", "columns", MigrationBlock.DEFINITION, List.of(List.of(3L, 1L),
                List.of(0L, 4L)), 8, 7, new MigrationBlock.Left(2, 1, List.of(12L, 13L)),
                new MigrationBlock.Arrived(1, 0, List.of(14L)));
    }

    static MigrationFile migration() {
        return MigrationFile.of(Optional.empty(), "runA", "runB", List.of(new MigrationFile.Pair(0, 1,
                Optional.of(0.25)), new MigrationFile.Pair(1, 0, Optional.empty())), migrationBlock());
    }

    private <T> T roundTrip(T value, String name, BiFunction<Path, String, T> read) throws IOException {
        Path file = dir.resolve(name);
        RunJson.write(value, file);
        T back = read.apply(file, name);
        assertThat(back).isEqualTo(value);
        assertThat(RunJson.bytes(back)).isEqualTo(Files.readAllBytes(file));
        return back;
    }

    @Test
    void everyJsonFileReadsBackAsWritten() throws IOException {
        roundTrip(summary(Optional.of("run-1"), Optional.of(new ModelProvenance.Matching("old.csv", "2011-06-30", 2, "d", List.of(new ModelProvenance.Pair(0, 1, 0.25), new ModelProvenance.Pair(1, -1, Double.NaN))))),
                RunFolderLayout.SUMMARY, RunSummary::read);
        RunSummary bare = roundTrip(summary(Optional.empty(), Optional.empty()), RunFolderLayout.SUMMARY,
                RunSummary::read);
        String text = Files.readString(dir.resolve(RunFolderLayout.SUMMARY));
        assertThat(text).startsWith("{\n  \"format\" : \"retailseg-summary\",\n  \"format_version\" : 2,\n"
                + "  \"input\" : {").doesNotContain("run_id", "segment_matching");
        assertThat(bare.metrics().silhouetteSampleSize()).isEqualTo(new RunSummary.SampleSize(300));
        roundTrip(dataProfile(), RunFolderLayout.DATA_PROFILE, DataProfileFile::read);
        assertThat(DataProfileFile.read(dir.resolve(RunFolderLayout.DATA_PROFILE), "x").profile())
                .isEqualTo(dataProfile().profile());
        roundTrip(evaluation(true), RunFolderLayout.EVALUATION, EvaluationReport::read);
        EvaluationReport without = roundTrip(evaluation(false), RunFolderLayout.EVALUATION, EvaluationReport::read);
        assertThat(without.stability()).isEmpty();
        assertThat(without.migration()).isEmpty();
        assertThat(Files.readString(dir.resolve(RunFolderLayout.EVALUATION))).doesNotContain("\"stability\"",
                "\"migration\"");
        roundTrip(migration(), RunFolderLayout.MIGRATION, MigrationFile::read);
        assertThat(Files.readString(dir.resolve(RunFolderLayout.MIGRATION))).contains("\"distance\" : null");
    }

    @Test
    void theSampleSizeIsAllOrACount() throws IOException {
        RunSummary s = summary(Optional.empty(), Optional.empty());
        RunSummary all = new RunSummary(s.format(), s.formatVersion(), s.runId(), s.input(), s.config(), s.threads(),
                s.cleaning(), s.customers(), s.pca(), s.kSelection(), new RunSummary.Metrics(0.45, 120.5, 0.8, 0.0,
                RunSummary.SampleSize.ALL), s.segments(), s.recommendations(), s.segmentMatching(), s.customerValue(),
                s.customerValueMissing(), s.timingsMs());
        assertThat(roundTrip(all, RunFolderLayout.SUMMARY, RunSummary::read).metrics().silhouetteSampleSize())
                .isEqualTo(RunSummary.SampleSize.ALL);
        assertThat(Files.readString(dir.resolve(RunFolderLayout.SUMMARY))).contains("\"silhouette_sample_size\" : \"all\"");
    }

    /** The file with one edit of its text: an error must name the file and the field, on one line. */
    private void refused(Object value, String name, BiFunction<Path, String, ?> read, String from, String to,
                         String expected) throws IOException {
        Path file = dir.resolve(name);
        String text = new String(RunJson.bytes(value), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
        assertThatThrownBy(() -> read.apply(file, name)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(expected).message().doesNotContain("\n");
    }

    @Test
    void aMissingOrWrongTypedFieldNamesTheFileAndTheField() throws IOException {
        RunSummary s = summary(Optional.empty(), Optional.empty());
        refused(s, RunFolderLayout.SUMMARY, RunSummary::read, "\"silhouette\" : 0.46,", "",
                "summary.json: field 'metrics.silhouette': expected a value, found none");
        refused(s, RunFolderLayout.SUMMARY, RunSummary::read, "\"chosen_k\" : 3", "\"chosen_k\" : \"three\"",
                "summary.json: field 'k_selection.chosen_k': expected a whole number");
        refused(s, RunFolderLayout.SUMMARY, RunSummary::read, "\"silhouette_sample_size\" : 300",
                "\"silhouette_sample_size\" : \"some\"", "summary.json: field 'metrics.silhouette_sample_size'");
        refused(dataProfile(), RunFolderLayout.DATA_PROFILE, DataProfileFile::read, "\"cleaned_lines\" : 990,", "",
                "data_profile.json: field 'cleaned_lines': expected a value, found none");
        refused(dataProfile(), RunFolderLayout.DATA_PROFILE, DataProfileFile::read, "\"sales_value\" : 5000.5",
                "\"sales_value\" : [1]", "data_profile.json: field 'cancellations.sales_value': expected a number");
        refused(dataProfile(), RunFolderLayout.DATA_PROFILE, DataProfileFile::read, "\"InvoiceNo\" : 0,", "",
                "data_profile.json: field 'missing_values.InvoiceNo': expected a value, found none");
        EvaluationReport e = evaluation(true);
        refused(e, RunFolderLayout.EVALUATION, EvaluationReport::read, "\"catalogue_size\" : 300,", "",
                "evaluation.json: field 'population.catalogue_size': expected a value, found none");
        refused(e, RunFolderLayout.EVALUATION, EvaluationReport::read, "\"hit_rate\" : 0.5",
                "\"hit_rate\" : \"high\"", "evaluation.json: field 'recommenders[0].metrics[0].hit_rate': expected a number");
        refused(e, RunFolderLayout.EVALUATION, EvaluationReport::read, "\"holdout_days\" : 90,", "",
                "evaluation.json: field 'split': holdout_days: expected a value with the rule holdout_days");
        refused(migration(), RunFolderLayout.MIGRATION, MigrationFile::read, "\"stayed\" : 8,", "",
                "migration.json: field 'migration.stayed': expected a value, found none");
        refused(migration(), RunFolderLayout.MIGRATION, MigrationFile::read, "\"to_segment\" : 0",
                "\"to_segment\" : true", "migration.json: field 'matching[0].to_segment': expected a whole number");
    }

    @Test
    void anUnknownFormatOrVersionIsRefused() throws IOException {
        refused(summary(Optional.empty(), Optional.empty()), RunFolderLayout.SUMMARY, RunSummary::read,
                "\"format_version\" : 2", "\"format_version\" : 1", "summary.json: field 'format_version': unknown"
                        + " version 1 of retailseg-summary: this retailseg reads version 2");
        refused(dataProfile(), RunFolderLayout.DATA_PROFILE, DataProfileFile::read, "\"format_version\" : 1,", "",
                "data_profile.json: field 'format_version': expected a value, found none");
        refused(evaluation(false), RunFolderLayout.EVALUATION, EvaluationReport::read,
                "\"format\" : \"retailseg-evaluation\"", "\"format\" : \"retailseg-summary\"",
                "evaluation.json: field 'format': expected \"retailseg-evaluation\", found \"retailseg-summary\"");
        refused(migration(), RunFolderLayout.MIGRATION, MigrationFile::read, "\"format_version\" : 1",
                "\"format_version\" : 0", "migration.json: field 'format_version': unknown version 0");
    }

    @Test
    void theCsvFilesReadBackAsWritten() throws IOException {
        int n = 3;
        long[] ids = {12346, 12347, 12348};
        double[][] features = new double[n][Feature.COUNT];
        for (int i = 0; i < n; i++) {
            for (Feature f : Feature.values()) {
                features[i][f.ordinal()] = i * 100 + f.ordinal() + 0.125;
            }
        }
        RunCsv.Customers customers = new RunCsv.Customers(ids, features, new boolean[] {false, true, false},
                new int[] {1, -1, 0}, new double[][] {{0.5, -1.25}, null, {2, 3.75}},
                new io.retailseg.clv.CustomerValues(new double[] {0.5, Double.NaN, 1}, new double[] {1.25, Double.NaN, 0},
                        new double[] {20.5, Double.NaN, Double.NaN}, new double[] {25.625, Double.NaN, Double.NaN}));
        Path file = dir.resolve(RunFolderLayout.CUSTOMERS);
        RunCsv.writeCustomers(customers, file);
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(String.join(",", RunFolderLayout.customersHeader(2)));
        assertThat(RunCsv.readCustomers(file, RunFolderLayout.CUSTOMERS)).isEqualTo(customers);
        List<TopProduct> top = List.of(new TopProduct(0, 1, "85123A", "WHITE, \"HEART\"", 120),
                new TopProduct(1, 1, "22423", "CAKESTAND", 7));
        Path topFile = dir.resolve(RunFolderLayout.TOP_PRODUCTS);
        RunCsv.writeTopProducts(top, topFile);
        assertThat(RunCsv.readTopProducts(topFile, RunFolderLayout.TOP_PRODUCTS)).isEqualTo(top);
        List<Recommendation> recs = List.of(new Recommendation(12346, 1, 1, "22423", "CAKESTAND", 0.125, "bought with 85123A (214 customers), and \"more\""),
                new Recommendation(12346, 1, 2, "85123A", "WHITE HEART", 1.0 / 3, "top seller #2 in your segment (by quantity)"));
        Path recFile = dir.resolve(RunFolderLayout.RECOMMENDATIONS);
        RunCsv.writeRecommendations(recs, recFile);
        assertThat(RunCsv.readRecommendations(recFile, RunFolderLayout.RECOMMENDATIONS)).isEqualTo(recs);

        Files.writeString(recFile, Files.readString(recFile).replace(",2,85123A", ",two,85123A"));
        assertThatThrownBy(() -> RunCsv.readRecommendations(recFile, RunFolderLayout.RECOMMENDATIONS))
                .isInstanceOf(InputException.class)
                .hasMessage("recommendations.csv:3: field 'Rank': expected a whole number, found \"two\"");
        Files.writeString(topFile, Files.readString(topFile).replace("Quantity", "Qty"));
        assertThatThrownBy(() -> RunCsv.readTopProducts(topFile, RunFolderLayout.TOP_PRODUCTS))
                .isInstanceOf(InputException.class)
                .hasMessage("top_products.csv:2: field 'Quantity': expected the column Quantity, found none");
        Files.writeString(file, Files.readString(file).replace("\n12347,", "\n12347x,"));
        assertThatThrownBy(() -> RunCsv.readCustomers(file, RunFolderLayout.CUSTOMERS))
                .isInstanceOf(InputException.class)
                .hasMessage("customers.csv:3: field 'CustomerID': expected a whole number, found \"12347x\"");
    }
}
