package dev.vigil.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RelevanceTest {
    private final Relevance synthcamTiny = Relevance.ofLogits(3.267578125, -4.05078125);

    @Test
    void isSiglipsSigmoidOfTheScaledCosine() {
        double cos = 0.19;
        double z = Math.exp(3.267578125) * cos - 4.05078125;
        assertThat(synthcamTiny.probability(cos)).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-15));
        assertThat(synthcamTiny.probability(0.03)).isLessThan(0.05);
        assertThat(synthcamTiny.probability(1)).isGreaterThan(0.99);
    }

    @Test
    void cosineAtIsTheInverse() {
        for (double p : new double[] {1e-6, 0.1, 0.5, 0.9, 0.999999}) {
            assertThat(synthcamTiny.probability(synthcamTiny.cosineAt(p))).isCloseTo(p, within(1e-12));
        }
        assertThat(synthcamTiny.cosineAt(0.5)).isCloseTo(4.05078125 / Math.exp(3.267578125), within(1e-12));
    }

    @Test
    void staysFiniteFarFromZeroAndRanksLikeTheCosine() {
        Relevance steep = new Relevance(1e4, 0);
        assertThat(steep.probability(-1)).isZero();
        assertThat(steep.probability(1)).isEqualTo(1);
        assertThat(steep.probability(Double.NaN)).isZero();
        assertThat(synthcamTiny.probability(0.2)).isGreaterThan(synthcamTiny.probability(0.1999));
    }

    @Test
    void refusesWhatIsNotACalibration() {
        assertThatThrownBy(() -> new Relevance(0, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Relevance(1, Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> synthcamTiny.cosineAt(1)).hasMessageContaining("strictly between");
    }
}
