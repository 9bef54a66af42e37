package io.retailseg.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Adjusted Rand index against scikit-learn's adjusted_rand_score; Jaccard by hand. */
class AdjustedRandTest {
    @Test
    void matchesScikitLearnOnEveryFixtureCase() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/evaluate/ari.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        assertThat(cases.size()).isGreaterThanOrEqualTo(10);
        for (JsonNode c : cases) {
            double expected = c.get("adjusted_rand_score").asDouble();
            assertThat(AdjustedRand.index(labels(c.get("a")), labels(c.get("b"))))
                    .as(c.get("name").asText()).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void handComputedSmallCase() {
        // a = {0,1,2}{3,4,5}, b = {0,1}{2,3,4,5}: contingency [[2,1],[0,3]].
        // sum C(n_ij,2) = 1 + 0 + 0 + 3 = 4; rows 3 + 3 = 6; columns 1 + 6 = 7; C(6,2) = 15.
        // expected = 6 * 7 / 15 = 2.8; max = 6.5; ARI = (4 - 2.8) / (6.5 - 2.8) = 1.2 / 3.7.
        assertThat(AdjustedRand.index(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 1, 1}))
                .isCloseTo(1.2 / 3.7, within(1e-15));
        assertThat(AdjustedRand.index(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0})).isEqualTo(1.0);
    }

    @Test
    void rejectsDifferentLengthsAndNegativeLabels() {
        assertThatThrownBy(() -> AdjustedRand.index(new int[] {0}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdjustedRand.index(new int[] {0, -1}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void jaccardIsIntersectionOverUnion() {
        boolean[] a = {true, true, true, false, false};
        boolean[] b = {false, true, true, true, false};
        assertThat(AdjustedRand.jaccard(a, b)).isEqualTo(2.0 / 4);
        assertThat(AdjustedRand.jaccard(new boolean[3], new boolean[3])).isZero();
    }

    private static int[] labels(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }
}
