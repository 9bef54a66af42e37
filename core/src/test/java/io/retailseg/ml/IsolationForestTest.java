package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IsolationForestTest {
    private static final int TREES = 100;
    private static final int MAX_SAMPLES = 256;
    private static final long SEED = 7L;

    private final JsonNode fixture = Fixtures.load("iforest.json");
    private final double[][] x = Fixtures.matrix(fixture.get("x"));
    private final int[] planted = Fixtures.ints(fixture.get("planted"));

    @Test
    void plantedFarPointsGetTheHighestScoresAndAreFlaggedAtTheirShare() {
        IsolationForest forest = IsolationForest.fit(x, TREES, MAX_SAMPLES, SEED, 1);
        double[] scores = forest.scoreAll(x, 1);

        Integer[] byScore = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byScore, (a, b) -> Double.compare(scores[b], scores[a]));
        assertThat(Arrays.copyOf(byScore, planted.length)).containsExactlyInAnyOrder(
                Arrays.stream(planted).boxed().toArray(Integer[]::new));

        double contamination = (double) planted.length / x.length;
        double threshold = IsolationForest.threshold(scores, contamination);
        int[] flagged = IntStream.range(0, x.length).filter(i -> scores[i] > threshold).toArray();
        assertThat(flagged).containsExactly(planted);
        assertThat(flagged).containsExactly(Fixtures.ints(fixture.get("sklearn_flagged")));
    }

    @Test
    void scoresLieInZeroToOne() {
        IsolationForest forest = IsolationForest.fit(x, TREES, MAX_SAMPLES, SEED, 1);
        double[] far = {1e6, -1e6, 1e6, -1e6};

        assertThat(Arrays.stream(forest.scoreAll(x, 1)).boxed()).allSatisfy(s -> assertThat(s).isGreaterThan(0.0).isLessThanOrEqualTo(1.0));
        assertThat(forest.score(far)).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    }

    @Test
    void averagePathLengthMatchesScikitLearnAndTheHandValues() {
        JsonNode table = fixture.get("average_path_length");
        int[] n = Fixtures.ints(table.get("n"));
        double[] c = Fixtures.vector(table.get("c"));
        for (int i = 0; i < n.length; i++) {
            assertThat(IsolationForest.averagePathLength(n[i])).as("c(%d)", n[i]).isCloseTo(c[i], within(1e-12));
        }
        assertThat(IsolationForest.averagePathLength(1)).isZero();
        assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1.0);
        // c(3) = 2 (ln 2 + 0.5772156649) - 4/3 = 1.2073...
        assertThat(IsolationForest.averagePathLength(3)).isCloseTo(2 * (Math.log(2) + 0.5772156649) - 4.0 / 3,
                within(1e-10));
    }

    @Test
    void thresholdReproducesNumpyPercentileAndScikitLearnsFlagCount() {
        for (JsonNode testCase : fixture.get("threshold_cases")) {
            double[] scores = Fixtures.vector(testCase.get("scores"));
            double contamination = testCase.get("contamination").asDouble();

            double threshold = IsolationForest.threshold(scores, contamination);

            assertThat(threshold).as("contamination %s", contamination)
                    .isEqualTo(testCase.get("threshold").asDouble());
            assertThat(Arrays.stream(scores).filter(s -> s > threshold).count())
                    .isEqualTo(testCase.get("flagged").asLong());
        }
    }

    @Test
    void thresholdOfTenScoresByHand() {
        // Negated and sorted: -0.81, -0.72, ...; position 0.1 * 9 = 0.9 between -0.81 and -0.72:
        // -0.72 - 0.09 * 0.1 = -0.729, so the threshold is 0.729 and only 0.81 lies above it.
        double[] scores = {0.31, 0.72, 0.45, 0.58, 0.66, 0.39, 0.52, 0.81, 0.47, 0.35};
        assertThat(IsolationForest.threshold(scores, 0.1)).isCloseTo(0.729, within(1e-15));
    }

    @Test
    void treesRespectTheSampleSizeAndHeightLimit() {
        IsolationForest forest = IsolationForest.fit(x, 20, MAX_SAMPLES, SEED, 1);
        assertThat(forest.sampleSize()).isEqualTo(256);
        for (IsolationForest.Tree tree : forest.trees()) {
            assertThat(tree.size()[0]).isEqualTo(256);
            assertThat(maxDepth(tree, 0)).isLessThanOrEqualTo(8);
            for (int node = 0; node < tree.nodes(); node++) {
                if (tree.feature()[node] >= 0) {
                    assertThat(tree.size()[tree.left()[node]] + tree.size()[tree.right()[node]])
                            .isEqualTo(tree.size()[node]);
                }
            }
        }
        assertThat(IsolationForest.fit(Arrays.copyOf(x, 50), 3, MAX_SAMPLES, SEED, 1).sampleSize()).isEqualTo(50);
    }

    @Test
    void constantFeaturesAreNeverSplitOn() {
        double[][] data = new double[40][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {3.0, x[i][0], -1.0};
        }
        IsolationForest forest = IsolationForest.fit(data, 10, 32, SEED, 1);
        for (IsolationForest.Tree tree : forest.trees()) {
            assertThat(Arrays.stream(tree.feature()).filter(f -> f >= 0)).containsOnly(1);
        }
        double[][] allConstant = {{1, 2}, {1, 2}, {1, 2}};
        assertThat(IsolationForest.fit(allConstant, 2, 256, SEED, 1).trees())
                .allSatisfy(tree -> assertThat(tree.nodes()).isEqualTo(1));
    }

    @Test
    void sameSeedGivesBitIdenticalForestsAndScoresForAnyThreadCount() {
        IsolationForest one = IsolationForest.fit(x, TREES, MAX_SAMPLES, SEED, 1);
        IsolationForest two = IsolationForest.fit(x, TREES, MAX_SAMPLES, SEED, 2);

        for (int t = 0; t < TREES; t++) {
            IsolationForest.Tree a = one.trees().get(t);
            IsolationForest.Tree b = two.trees().get(t);
            assertThat(b.feature()).containsExactly(a.feature());
            assertThat(b.split()).containsExactly(a.split());
            assertThat(b.left()).containsExactly(a.left());
            assertThat(b.right()).containsExactly(a.right());
            assertThat(b.size()).containsExactly(a.size());
        }
        assertThat(two.scoreAll(x, 2)).containsExactly(one.scoreAll(x, 1));
        assertThat(IsolationForest.fit(x, TREES, MAX_SAMPLES, SEED + 1, 1).scoreAll(x, 1))
                .isNotEqualTo(one.scoreAll(x, 1));
    }

    @Test
    void jacksonWritesAndReadsTheTreesAndTheRebuiltForestScoresTheSame() throws Exception {
        IsolationForest forest = IsolationForest.fit(x, 5, MAX_SAMPLES, SEED, 1);
        ObjectMapper mapper = new ObjectMapper();

        String json = mapper.writeValueAsString(forest.trees());
        List<IsolationForest.Tree> trees = mapper.readValue(json, new TypeReference<>() { });
        IsolationForest rebuilt = IsolationForest.of(forest.sampleSize(), trees);

        assertThat(json).contains("\"feature\"", "\"split\"", "\"left\"", "\"right\"", "\"size\"")
                .doesNotContain("\"nodes\"");
        assertThat(rebuilt.scoreAll(x, 1)).containsExactly(forest.scoreAll(x, 1));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> IsolationForest.fit(new double[][] {{1}}, 10, 256, SEED, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rows");
        assertThatThrownBy(() -> IsolationForest.threshold(new double[] {0.5}, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contamination");
        assertThatThrownBy(() -> new IsolationForest.Tree(new int[] {0}, new double[1], new int[] {-1},
                new int[] {-1}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 0");
    }

    private static int maxDepth(IsolationForest.Tree tree, int node) {
        if (tree.feature()[node] < 0) {
            return 0;
        }
        return 1 + Math.max(maxDepth(tree, tree.left()[node]), maxDepth(tree, tree.right()[node]));
    }
}
