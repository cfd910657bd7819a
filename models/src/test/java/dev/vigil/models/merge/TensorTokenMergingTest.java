package dev.vigil.models.merge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.tokens.MergeOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TensorTokenMergingTest {

    private static final int WIDTH = 8;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray features(long seed, int batch, int count) {
        Random random = new Random(seed);
        float[] data = new float[batch * count * WIDTH];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return manager.create(data, new Shape(batch, count, WIDTH));
    }

    private static TensorTokenMerging matching(boolean cls, boolean distill, MergeOrder order) {
        return new TensorTokenMerging(new HeadChunkMeanMetric(4), cls, distill, order);
    }

    @Test
    void mergedTokensAreExactMeansOfTheOriginalsTheyHold() {
        for (MergeOrder order : MergeOrder.values()) {
            for (boolean cls : new boolean[] {false, true}) {
                for (boolean distill : new boolean[] {false, true}) {
                    NDArray x = features(1, 2, 23);
                    TensorTokenMerging m = matching(cls, distill, order);
                    TokenSet merged = new TokenMerger(m).reduce(TokenSet.of(x),
                            new FixedMergeSchedule(List.of(5, 4, 3, 2)));
                    assertThat(merged.tokenCount()).isEqualTo(23 - 14);
                    assertHoldsExactMeans(x, merged);
                }
            }
        }
    }

    @Test
    void preservesTotalSizeAndSizeWeightedMean() {
        NDArray x = features(2, 3, 40);
        TokenSet merged = new TokenMerger(new TensorTokenMerging(new HeadChunkMeanMetric(4), false, false,
                MergeOrder.STABLE)).reduceTo(x, 7);
        assertThat(merged.tokenCount()).isEqualTo(7);
        float[] sizes = merged.sizes().sum(new int[] {1}).toFloatArray();
        assertThat(sizes).containsExactly(40f, 40f, 40f);
        float[] weighted = merged.features().mul(merged.sizes().expandDims(2)).sum(new int[] {1}).toFloatArray();
        float[] total = x.sum(new int[] {1}).toFloatArray();
        for (int i = 0; i < total.length; i++) {
            assertThat(weighted[i]).isCloseTo(total[i], within(1e-4f));
        }
    }

    @Test
    void reductionIsCappedAtHalfTheUnprotectedTokens() {
        NDArray x = features(3, 1, 11);
        assertThat(matching(false, false, MergeOrder.STABLE).merge(TokenSet.of(x), 100).tokenCount()).isEqualTo(6);
        assertThat(matching(true, false, MergeOrder.STABLE).merge(TokenSet.of(x), 100).tokenCount()).isEqualTo(6);
        assertThat(matching(true, true, MergeOrder.STABLE).merge(TokenSet.of(x), 100).tokenCount()).isEqualTo(7);
        TokenSet same = TokenSet.of(x);
        assertThat(matching(false, false, MergeOrder.STABLE).merge(same, 0)).isSameAs(same);
    }

    @Test
    void protectedTokensAreNeverMergedAwayOrInto() {
        NDArray x = features(4, 2, 30);
        TokenSet merged = new TokenMerger(matching(true, true, MergeOrder.REFERENCE))
                .reduce(TokenSet.of(x), new TargetMergeSchedule(4));
        assertThat(merged.tokenCount()).isEqualTo(4);
        for (int s = 0; s < 2; s++) {
            // ToMe's distill layout puts the class token first and the distill token second.
            assertThat(merged.sourcesOf(s, 0)).containsExactly(0);
            assertThat(merged.sourcesOf(s, 1)).containsExactly(1);
        }
    }

    @Test
    void stableOrderKeepsTokensSortedByEarliestOriginal() {
        NDArray x = features(5, 2, 50);
        TokenSet merged = new TokenMerger(matching(false, false, MergeOrder.STABLE)).reduceTo(x, 9);
        for (int s = 0; s < 2; s++) {
            long[] origins = merged.origins().get(s).toLongArray();
            for (int i = 0; i < origins.length; i++) {
                assertThat(origins[i]).isEqualTo(merged.sourcesOf(s, i)[0]);
                if (i > 0) {
                    assertThat(origins[i]).isGreaterThan(origins[i - 1]);
                }
            }
            assertThat(origins[0]).isZero();
        }
    }

    @Test
    void aBatchMergesLikeItsStreamsOneByOne() {
        NDArray x = features(6, 3, 21);
        TensorTokenMerging m = matching(false, false, MergeOrder.REFERENCE);
        TokenSet batched = m.merge(TokenSet.of(x), 8);
        for (int s = 0; s < 3; s++) {
            TokenSet single = m.merge(TokenSet.of(x.get(s).expandDims(0)), 8);
            assertThat(batched.features().get(s).toFloatArray()).containsExactly(single.features().get(0).toFloatArray());
            assertThat(batched.sources().get(s).toLongArray()).containsExactly(single.sources().get(0).toLongArray());
        }
    }

    @Test
    void zeroFeaturesDoNotProduceNaN() {
        NDArray x = manager.zeros(new Shape(1, 10, WIDTH));
        TokenSet merged = matching(false, false, MergeOrder.STABLE).merge(TokenSet.of(x), 5);
        assertThat(merged.features().isNaN().any().getBoolean()).isFalse();
        assertThat(merged.sizes().sum().getFloat()).isEqualTo(10f);
    }

    @Test
    void identicalTokensMergeFirst() {
        // Tokens 2 (A) and 3 (B) are the same direction; everything else is orthogonal-ish.
        float[] data = new float[6 * 4];
        float[][] rows = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}, {-1, 0, 0, 0}};
        for (int i = 0; i < 6; i++) {
            System.arraycopy(rows[i], 0, data, i * 4, 4);
        }
        NDArray x = manager.create(data, new Shape(1, 6, 4));
        TokenSet merged = new TensorTokenMerging(new HeadChunkMeanMetric(4), false, false, MergeOrder.STABLE)
                .merge(TokenSet.of(x), 1);
        assertThat(merged.sourcesOf(0, 2)).containsExactly(2, 3);
        assertThat(merged.features().get(0, 2).toFloatArray()).containsExactly(0, 0, 1.5f, 0);
    }

    private static void assertHoldsExactMeans(NDArray originals, TokenSet merged) {
        int batch = merged.batchSize();
        int original = merged.originalCount();
        float[] x = originals.toFloatArray();
        float[] f = merged.features().toFloatArray();
        float[] sizes = merged.sizes().toFloatArray();
        int count = merged.tokenCount();
        for (int s = 0; s < batch; s++) {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < count; i++) {
                long[] members = merged.sourcesOf(s, i);
                assertThat(members).isNotEmpty();
                assertThat(sizes[s * count + i]).isEqualTo(members.length);
                for (long j : members) {
                    assertThat(seen.add(j)).as("original %d held twice", j).isTrue();
                }
                for (int c = 0; c < WIDTH; c++) {
                    double mean = 0;
                    for (long j : members) {
                        mean += x[(int) ((s * (long) original + j) * WIDTH + c)];
                    }
                    mean /= members.length;
                    assertThat(f[(s * count + i) * WIDTH + c]).isCloseTo((float) mean, within(1e-5f));
                }
            }
            assertThat(seen).hasSize(original); // the sources partition the originals
        }
    }
}
