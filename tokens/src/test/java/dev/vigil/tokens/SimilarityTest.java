package dev.vigil.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimilarityTest {

    @Test
    void cosineIsScaleFreeAndZeroForZeroVectors() {
        assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {5, 0})).isCloseTo(1, within(1e-12));
        assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {0, 3})).isCloseTo(0, within(1e-12));
        assertThat(Similarity.cosine(new float[] {1, 1}, new float[] {-2, -2})).isCloseTo(-1, within(1e-12));
        assertThat(Similarity.cosine(new float[] {0, 0}, new float[] {1, 2})).isZero();
    }

    @Test
    void normalisedHasUnitLengthAndZeroStaysZero() {
        float[] u = Similarity.normalised(new float[] {3, 4});
        assertThat(u).containsExactly(0.6f, 0.8f);
        assertThat(Similarity.normalised(new float[] {0, 0})).containsExactly(0f, 0f);
        float[] buffer = {9, 9};
        assertThat(Similarity.normaliseInto(new float[] {0, 2}, buffer)).isSameAs(buffer).containsExactly(0f, 1f);
        assertThat(Similarity.dot(new float[] {1, 2}, new float[] {3, 4})).isEqualTo(11);
    }

    @Test
    void maxCosineFindsTheBestRowFirstOfEqualsAndIgnoresTheBufferTail() {
        float[] rows = {0, 1, 2, 0, 2, 0, 7, 7}; // rows (0,1), (2,0), (2,0); the tail is stale buffer
        Similarity.Best best = Similarity.maxCosine(new float[] {1, 0}, rows, 3, 2);
        assertThat(best.row()).isEqualTo(1);
        assertThat(best.score()).isCloseTo(1, within(1e-12));
        assertThat(Similarity.maxCosine(new float[] {1, 0}, rows, 0, 2).row()).isEqualTo(-1);
        assertThat(Similarity.maxCosine(new float[] {0, 0}, rows, 3, 2).score()).isZero();
    }

    @Test
    void maxCosineAgreesWithCosineRowByRow() {
        java.util.Random random = new java.util.Random(3);
        float[] q = new float[16];
        float[] rows = new float[5 * 16];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < 5; r++) {
            best = Math.max(best, Similarity.cosine(q, java.util.Arrays.copyOfRange(rows, r * 16, r * 16 + 16)));
        }
        assertThat(Similarity.maxCosine(q, rows, 5, 16).score()).isCloseTo(best, within(1e-12));
    }
}
