package io.retailseg.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class StandardScalerTest {
    private static final double TOLERANCE = 1e-12;
    private final JsonNode fixture = Fixtures.load("scaler.json");
    private final double[][] x = Fixtures.matrix(fixture.get("x"));
    private final boolean[] standardize = Fixtures.booleans(fixture.get("standardize"));

    @Test
    void meansAndScalesMatchScikitLearnIncludingConstantAndPassThroughColumns() {
        StandardScaler scaler = StandardScaler.fit(x, standardize);

        assertThat(scaler.means()).containsExactly(Fixtures.vector(fixture.get("means")), within(TOLERANCE));
        assertThat(scaler.scales()).containsExactly(Fixtures.vector(fixture.get("scales")), within(TOLERANCE));
        assertThat(scaler.scales()[2]).as("constant column").isEqualTo(1.0);
        assertThat(scaler.means()[3]).as("pass-through column").isEqualTo(0.0);
        assertThat(scaler.scales()[3]).as("pass-through column").isEqualTo(1.0);
    }

    @Test
    void transformMatchesScikitLearn() {
        double[][] expected = Fixtures.matrix(fixture.get("transformed"));
        double[][] actual = StandardScaler.fit(x, standardize).transform(x);

        for (int i = 0; i < x.length; i++) {
            assertThat(actual[i]).as("row %d", i).containsExactly(expected[i], within(TOLERANCE));
        }
    }

    @Test
    void standardizedColumnsHaveMeanZeroAndUnitPopulationDeviation() {
        double[][] z = StandardScaler.fit(x, standardize).transform(x);
        for (int j : new int[] {0, 1, 4}) {
            double sum = 0;
            double squares = 0;
            for (double[] row : z) {
                sum += row[j];
                squares += row[j] * row[j];
            }
            assertThat(sum / z.length).isCloseTo(0.0, within(1e-12));
            assertThat(squares / z.length).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void rebuiltScalerTransformsLikeTheFittedOneAndDoesNotShareArrays() {
        StandardScaler fitted = StandardScaler.fit(x, standardize);
        double[] means = fitted.means();
        StandardScaler rebuilt = StandardScaler.of(means, fitted.scales());
        means[0] = 1e9;

        assertThat(rebuilt.transform(x[3])).containsExactly(fitted.transform(x[3]));
        assertThat(fitted.means()[0]).isNotEqualTo(1e9);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> StandardScaler.fit(x, new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standardize has 2");
        StandardScaler scaler = StandardScaler.fit(x, standardize);
        assertThatThrownBy(() -> scaler.transform(new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 5 values, found 3");
        assertThatThrownBy(() -> StandardScaler.of(new double[2], new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1");
    }
}
