package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PcaTest {
    private static final double TOLERANCE = 1e-9;
    private final JsonNode fixture = Fixtures.load("pca.json");
    private final double[][] x = Fixtures.matrix(fixture.get("x"));
    private final int components = fixture.get("components").asInt();

    @Test
    void explainedVarianceMatchesScikitLearn() {
        Pca pca = Pca.fit(x, components);

        assertThat(pca.explainedVariance())
                .containsExactly(Fixtures.vector(fixture.get("explained_variance")), within(TOLERANCE));
        assertThat(pca.explainedVarianceRatio())
                .containsExactly(Fixtures.vector(fixture.get("explained_variance_ratio")), within(TOLERANCE));
        assertThat(pca.allExplainedVarianceRatio())
                .containsExactly(Fixtures.vector(fixture.get("all_explained_variance_ratio")), within(TOLERANCE));
        assertThat(pca.mean()).containsExactly(Fixtures.vector(fixture.get("mean")), within(1e-12));
    }

    @Test
    void componentsMatchScikitLearnUnderTheSignRule() {
        double[][] expected = Fixtures.matrix(fixture.get("axes"));
        double[][] actual = Pca.fit(x, components).components();

        assertThat(actual).hasNumberOfRows(components);
        for (int c = 0; c < components; c++) {
            assertThat(actual[c]).as("component %d", c).containsExactly(expected[c], within(TOLERANCE));
            double norm = 0;
            double largest = 0;
            for (double v : actual[c]) {
                norm += v * v;
                largest = Math.abs(v) > Math.abs(largest) ? v : largest;
            }
            assertThat(norm).isCloseTo(1.0, within(1e-12));
            assertThat(largest).as("largest loading is positive").isPositive();
        }
    }

    @Test
    void transformMatchesScikitLearn() {
        double[][] expected = Fixtures.matrix(fixture.get("transformed"));
        double[][] actual = Pca.fit(x, components).transform(x);

        for (int i = 0; i < x.length; i++) {
            assertThat(actual[i]).as("row %d", i).containsExactly(expected[i], within(TOLERANCE));
        }
    }

    @Test
    void allComponentsExplainAllVariance() {
        Pca pca = Pca.fit(x, x[0].length);
        double total = 0;
        for (double ratio : pca.explainedVarianceRatio()) {
            total += ratio;
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rebuiltPcaProjectsLikeTheFittedOne() {
        Pca fitted = Pca.fit(x, components);
        Pca rebuilt = Pca.of(fitted.mean(), fitted.components(), fitted.explainedVarianceRatio(),
                fitted.allExplainedVarianceRatio());

        assertThat(rebuilt.transform(x[7])).containsExactly(fitted.transform(x[7]));
        assertThat(rebuilt.explainedVarianceRatio()).containsExactly(fitted.explainedVarianceRatio());
    }

    @Test
    void rejectsComponentsOutsideOneToColumns() {
        assertThatThrownBy(() -> Pca.fit(x, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and the number of columns (6), found 7");
        assertThatThrownBy(() -> Pca.fit(x, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
