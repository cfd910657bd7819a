package dev.vigil.tokens;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrayTokenMergingTest {
    private final ArrayTokenMerging matching = new ArrayTokenMerging(4);

    @Test
    void mergingKeepsTheSizeWeightedMeanAndTheTotalSize() {
        Random random = new Random(7);
        float[][] x = new float[256][16];
        int[] sizes = new int[256];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < 16; d++) {
                x[i][d] = (float) random.nextGaussian();
            }
            sizes[i] = 1 + random.nextInt(5);
        }

        ArrayTokenMerging.Merged merged = matching.mergeTo(x, sizes, 24);

        assertThat(merged.tokens()).hasNumberOfRows(24);
        assertThat(sum(merged.sizes())).isEqualTo(sum(sizes));
        double[] before = weightedMean(x, sizes);
        double[] after = weightedMean(merged.tokens(), merged.sizes());
        for (int d = 0; d < 16; d++) {
            assertThat(after[d]).isCloseTo(before[d], within(1e-5));
        }
    }

    @Test
    void theMostSimilarPairsMergeFirstAndSurvivorsKeepTheirOrder() {
        // tokens 0/1 are near-duplicates, as are 4/5; 2 and 3 point elsewhere
        float[][] x = {{1, 0, 0, 0}, {1, 0.01f, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0.01f, 0, 0, 1}};
        int[] sizes = {1, 1, 1, 1, 1, 1};

        ArrayTokenMerging.Merged merged = matching.step(x, sizes, 2);

        assertThat(merged.sizes()).containsExactly(2, 1, 1, 2);
        assertThat(merged.tokens()[0][0]).isCloseTo(1f, within(1e-6f)); // merged 0+1 at position 1
        assertThat(merged.tokens()[1]).containsExactly(0, 1, 0, 0);
        assertThat(merged.tokens()[2]).containsExactly(0, 0, 1, 0);
        assertThat(merged.tokens()[3][3]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void stableOrderPutsAMergedTokenWhereItsEarliestMemberWas() {
        // A0 merges into the later B3, across the survivors B1 and A2: the merged token comes first
        float[][] x = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {1, 0.01f, 0, 0}};

        ArrayTokenMerging.Merged merged = matching.step(x, new int[] {1, 1, 1, 1}, 1);

        assertThat(merged.sizes()).containsExactly(2, 1, 1);
        assertThat(merged.tokens()[0][0]).isCloseTo(1f, within(1e-6f));
        assertThat(merged.tokens()[1]).containsExactly(0, 1, 0, 0);
        assertThat(merged.tokens()[2]).containsExactly(0, 0, 1, 0);
    }

    @Test
    void referenceOrderIsKeptAByScoreThenB() {
        float[][] x = {{1, 0, 0, 0}, {1, 0.01f, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0.01f, 0, 0, 1},
            {0, 0.7f, 0.7f, 0}};
        // A: 0, 2, 4, 6; B: 1, 3, 5. A0 and A4 merge; A6 (cos ~0.7 to B3) ranks before A2 (cos 0.01 to B1)
        ArrayTokenMerging.Merged merged = new ArrayTokenMerging(4, MergeOrder.REFERENCE).step(x,
                new int[] {1, 1, 1, 1, 1, 1, 1}, 2);

        assertThat(merged.sizes()).containsExactly(1, 1, 2, 1, 2);
        assertThat(merged.tokens()[0]).containsExactly(0, 0.7f, 0.7f, 0);
        assertThat(merged.tokens()[1]).containsExactly(0, 1, 0, 0);
        assertThat(merged.tokens()[3]).containsExactly(0, 0, 1, 0);
    }

    @Test
    void rIsCappedAtHalfAndZeroVectorsDoNotPoisonTheResult() {
        float[][] x = {{0, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}};
        ArrayTokenMerging.Merged merged = matching.step(x, new int[]{1, 1, 1}, 10);

        assertThat(merged.tokens()).hasNumberOfRows(2);
        for (float[] t : merged.tokens()) {
            for (float v : t) {
                assertThat(v).isNotNaN();
            }
        }
    }

    @Test
    void theMetricIsTheMeanOfHeadSizedChunks() {
        assertThat(matching.metric(new float[]{1, 2, 3, 4, 3, 2, 1, 0})).containsExactly(2, 2, 2, 2);
        assertThat(new ArrayTokenMerging(3).metric(new float[]{1, 2, 3, 4})).containsExactly(1, 2, 3, 4);
    }

    private static long sum(int[] s) {
        long total = 0;
        for (int v : s) {
            total += v;
        }
        return total;
    }

    private static double[] weightedMean(float[][] x, int[] sizes) {
        double[] m = new double[x[0].length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < m.length; d++) {
                m[d] += (double) x[i][d] * sizes[i];
            }
            total += sizes[i];
        }
        for (int d = 0; d < m.length; d++) {
            m[d] /= total;
        }
        return m;
    }
}
