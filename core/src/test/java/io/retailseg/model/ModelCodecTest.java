package io.retailseg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.retailseg.InputException;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.recommend.Recommendation;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.json} tampered with in every way a hand edit, a truncated copy or another version can
 * break it: each is one line naming the field, never a model that predicts wrong numbers.
 */
class ModelCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static RunResult run;
    private static byte[] bytes;

    @BeforeAll
    static void fit() {
        Path file = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(4_000, 3, file);
        run = RetailSeg.run(RunConfig.builder().k(3).threads(1).build(),
                TransactionSource.of("generated", TransactionReader.read(file)));
        bytes = ModelCodec.toJson(run.model());
    }

    @Test
    void aModelReadsBackToTheSameBytesAndPredictions() {
        SegmentationModel read = ModelCodec.parse(bytes, "model.json");
        assertThat(ModelCodec.toJson(read)).isEqualTo(bytes);
        for (int i = 0; i < run.customers().size(); i++) {
            SegmentationModel.Assignment a = read.assign(run.customers().row(i));
            assertThat(a.outlierScore()).isEqualTo(run.outlierScore()[i]);
            assertThat(a.segment()).isEqualTo(run.segmentation().segmentAt(i));
        }
        assertThat(read.provenance().seeds()).containsKeys("outliers", "kmeans", "silhouette-sample");
        assertThat(read.provenance().config().recommendationsPerCustomer()).isEqualTo(3);
        assertThat(read.provenance().input().source()).isEqualTo("generated");
    }

    @Test
    void everyRecommenderReadsBackToTheSameBytesAndLists() {
        Path file = dir.resolve("small.csv");
        SyntheticRetailGenerator.write(1_500, 5, file);
        Transactions raw = TransactionReader.read(file);
        Transactions cleaned = Cleaner.clean(raw).lines();
        for (RecommenderKind kind : RecommenderKind.values()) {
            for (OfferMode offer : OfferMode.values()) {
                RunResult r = RetailSeg.run(RunConfig.builder().k(3).threads(1).recommender(kind).offer(offer)
                                .recommendationsPerCustomer(5).build(), TransactionSource.of("generated", raw));
                byte[] json = ModelCodec.toJson(r.model());
                SegmentationModel read = ModelCodec.parse(json, "model.json");
                assertThat(ModelCodec.toJson(read)).as(kind + " " + offer).isEqualTo(json);
                assertThat(read.recommender().kind()).isEqualTo(kind);
                assertThat(read.offer()).isEqualTo(offer);
                List<Recommendation> again = read.recommendAll(cleaned, r.segmentation());
                assertThat(again).as(kind + " " + offer).isEqualTo(r.recommendations());
                assertThat(r.recommendations()).as(kind + " " + offer).isNotEmpty()
                        .allSatisfy(x -> assertThat(x.reason()).isNotBlank());
            }
        }
    }

    @Test
    void brokenRecommenderStateIsNamed() {
        byte[] hybrid = ModelCodec.toJson(RetailSeg.run(RunConfig.builder().k(3).threads(1).build(),
                TransactionSource.of("generated", TransactionReader.read(dir.resolve("lines.csv")))).model());
        failsOn(hybrid, m -> ((ObjectNode) m.get("recommender")).put("kind", "knn"), "field 'recommender.kind'");
        failsOn(hybrid, m -> ((ArrayNode) m.get("recommender").get("targets")).set(0,
                JSON.getNodeFactory().numberNode(-4)), "field 'recommender.targets[0]': expected increasing"
                + " products");
        failsOn(hybrid, m -> ((ArrayNode) m.get("recommender").get("stock_codes")).set(1,
                JSON.getNodeFactory().textNode("")), "field 'recommender.stock_codes[1]': expected a stock code");
        failsOn(hybrid, m -> ((ArrayNode) m.get("recommender").get("rebuy")).set(0,
                JSON.getNodeFactory().numberNode(7)), "field 'recommender.rebuy[0]': expected a share in 0..1, found 7");
        failsOn(hybrid, m -> ((ObjectNode) m.get("recommender")).remove("item_settings"),
                "field 'recommender.item_settings': expected the item-item settings, found none");
        failsOn(hybrid, m -> ((ArrayNode) m.get("recommender").get("weights")).set(3,
                JSON.getNodeFactory().textNode("NaN")), "field 'recommender.weights[3]': expected a finite number");
        failsOn(hybrid, m -> m.remove("offer"), "field 'offer'");
    }

    @Test
    void truncatedIsNotValidJson() {
        byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> ModelCodec.parse(half, "model.json")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("model.json:").hasMessageContaining("not valid JSON").satisfies(ModelCodecTest::oneLine);
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        fails(m -> m.put("format_version", 99), "model.json: field 'format_version': model format version 99 is not"
                + " supported, expected 4");
        fails(m -> m.put("format", "something-else"), "model.json: field 'format': expected \"retailseg-model\"");
    }

    @Test
    void missingKeysAreNamed() {
        fails(m -> m.remove("centroids"), "field 'centroids': expected a value, found none");
        fails(m -> m.remove("reference_day"), "field 'reference_day': expected a value, found none");
        fails(m -> ((ObjectNode) m.get("scaler")).remove("scales"), "field 'scaler.scales': expected a value");
        fails(m -> m.remove("recommendations_per_customer"), "field 'recommendations_per_customer'");
        fails(m -> ((ObjectNode) m.get("provenance")).remove("config"), "field 'provenance.config'");
    }

    @Test
    void nanAndInfinityAreRefusedWhereTheyAre() {
        fails(m -> ((ArrayNode) m.get("centroids").get(1)).set(2, JSON.getNodeFactory().textNode("NaN")),
                "field 'centroids[1][2]': expected a finite number, found NaN");
        fails(m -> ((ArrayNode) m.get("scaler").get("means")).set(4, JSON.getNodeFactory().numberNode(Double.POSITIVE_INFINITY)),
                "field 'scaler.means[4]': expected a finite number");
        fails(m -> ((ObjectNode) m.get("outliers")).put("threshold", "NaN"),
                "field 'outliers.threshold': expected a finite number, found NaN");
    }

    @Test
    void wrongDimensionsAreNamed() {
        fails(m -> ((ArrayNode) m.get("centroids").get(0)).remove(0), "field 'centroids[0]': expected 6 values, found 5");
        fails(m -> ((ArrayNode) m.get("pca").get("components").get(2)).add(1.0),
                "field 'pca.components[2]': expected 15 values, found 16");
        fails(m -> ((ArrayNode) m.get("segments")).remove(2), "field 'segments': expected one per centroid (3), found 2");
        fails(m -> ((ArrayNode) m.get("features")).remove(0), "field 'features': expected [Days_Since_Last_Purchase");
        fails(m -> ((ObjectNode) m.get("segments").get(1)).put("id", 7), "field 'segments[1].id': expected 1");
        fails(m -> ((ObjectNode) m.get("top_products").get(0)).put("segment", 9),
                "field 'top_products[0].segment': expected 0..2, found 9");
        fails(m -> ((ArrayNode) m.get("outliers").get("trees").get(0).get("feature")).set(0,
                JSON.getNodeFactory().numberNode(15)), "field 'outliers.trees[0].feature[0]': expected -1");
    }

    @Test
    void wrongTypesAndValuesAreNamed() {
        fails(m -> m.put("reference_day", "yesterday"), "field 'reference_day': expected an ISO date");
        fails(m -> m.put("compat", "pandas"), "field 'compat'");
        fails(m -> m.put("recommendations_per_customer", 0), "field 'recommendations_per_customer': expected at least 1");
        fails(m -> ((ObjectNode) m.get("outliers")).put("contamination", 0.9), "field 'contamination'");
        fails(m -> m.put("centroids", "many"), "field 'centroids'");
    }

    /** The model-file cases of the hardening issue: each was an exit 3 or a silent change of segment. */
    @Test
    void theHardeningIssuesModelFilesAreOneLineErrors() {
        assertThatThrownBy(() -> ModelCodec.parse("null".getBytes(StandardCharsets.UTF_8), "model.json"))
                .isInstanceOf(InputException.class).satisfies(ModelCodecTest::oneLine);
        fails(m -> m.remove("top_products"), "field 'top_products': expected a value, found none");
        fails(m -> ((ArrayNode) m.get("outliers").get("trees").get(3).get("feature")).set(0,
                JSON.getNodeFactory().numberNode(99)), "field 'outliers.trees[3].feature[0]': expected -1 (a leaf)"
                        + " or a feature index 0..14, found 99");
        // 1e999 is read as Infinity: refused like NaN instead of moving customers to another segment
        String huge = new String(bytes, StandardCharsets.UTF_8).replaceFirst("(\"centroids\" : \\[ \\[ )[^,]+,",
                "$11e999,");
        assertThat(huge).contains("1e999");
        assertThatThrownBy(() -> ModelCodec.parse(huge.getBytes(StandardCharsets.UTF_8), "model.json"))
                .isInstanceOf(InputException.class).hasMessageContaining("field 'centroids[0][0]': expected a finite"
                        + " number, found Infinity").satisfies(ModelCodecTest::oneLine);
    }

    private static void fails(Consumer<ObjectNode> tamper, String expected) {
        failsOn(bytes, tamper, expected);
    }

    private static void failsOn(byte[] model, Consumer<ObjectNode> tamper, String expected) {
        ObjectNode tree;
        try {
            tree = (ObjectNode) JSON.readTree(model);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        tamper.accept(tree);
        byte[] tampered = tree.toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelCodec.parse(tampered, "model.json")).isInstanceOf(InputException.class)
                .hasMessageContaining(expected).satisfies(ModelCodecTest::oneLine);
    }

    private static void oneLine(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("model.json");
    }
}
