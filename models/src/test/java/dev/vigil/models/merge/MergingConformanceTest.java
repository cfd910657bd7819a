package dev.vigil.models.merge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.tokens.ArrayTokenMerging;
import dev.vigil.tokens.MergeOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The encoder's merger ({@link TensorTokenMerging}, DJL) and TokenMemory's ({@link ArrayTokenMerging}, arrays)
 * are one algorithm written twice; this holds them to equal output, token for token: features, sizes and
 * order, over chains of steps, in both orders, with ties where the result is defined.
 */
class MergingConformanceTest {
    /** Features agree to fp32 rounding: the DJL form sums in another order (prefix sums, matmul). */
    private static final float FEATURE_TOLERANCE = 2e-5f;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @ParameterizedTest
    @EnumSource(MergeOrder.class)
    void randomTokensMergeAlikeStepByStep(MergeOrder order) {
        Random random = new Random(11);
        for (int trial = 0; trial < 12; trial++) {
            int count = 9 + random.nextInt(60);
            int chunk = trial % 3 == 0 ? 16 : 4; // 16: the whole token is the metric
            float[][][] x = gaussian(random, 3, count, 16);
            List<Integer> steps = List.of(1 + random.nextInt(count / 2), 1 + random.nextInt(4), count, 2);
            assertSameMerges(x, chunk, order, steps);
        }
    }

    @ParameterizedTest
    @EnumSource(MergeOrder.class)
    void mergeToATargetAlike(MergeOrder order) {
        Random random = new Random(5);
        float[][][] x = gaussian(random, 2, 256, 16);
        TokenSet djl = new TokenMerger(new TensorTokenMerging(new HeadChunkMeanMetric(4), false, false, order))
                .reduceTo(manager.create(flat(x), new Shape(2, 256, 16)), 24);
        for (int s = 0; s < x.length; s++) {
            ArrayTokenMerging.Merged arrays = new ArrayTokenMerging(4, order).mergeTo(x[s], ones(256), 24);
            assertSame(djl, s, arrays, "stream " + s);
        }
    }

    /**
     * Ties the two can agree on: B tokens in identical pairs (an A token's best partner is then the first of the
     * pair, as argmax picks it) and identical A tokens tied at the top of the ranking, all merged in one step.
     * Ties across the r boundary are not compared: torch's argsort leaves their order undefined.
     */
    @ParameterizedTest
    @EnumSource(MergeOrder.class)
    void tiedPartnersGoToTheFirstAndTiedTopScoresMergeTogether(MergeOrder order) {
        Random random = new Random(23);
        int count = 24;
        float[][][] x = gaussian(random, 1, count, 8);
        for (int b = 1; b + 2 < count; b += 4) {
            x[0][b + 2] = x[0][b].clone(); // B tokens b/2 and b/2 + 1 are identical
        }
        for (int a : new int[] {0, 6, 12}) {
            x[0][a] = x[0][3].clone(); // three A tokens equal to B token 1: score 1, tied
        }
        assertSameMerges(x, 8, order, List.of(3)); // later steps would meet the copies again, tied across r
    }

    private void assertSameMerges(float[][][] x, int chunk, MergeOrder order, List<Integer> steps) {
        int streams = x.length;
        int count = x[0].length;
        int width = x[0][0].length;
        TensorTokenMerging tensor = new TensorTokenMerging(new HeadChunkMeanMetric(chunk), false, false, order);
        ArrayTokenMerging arrays = new ArrayTokenMerging(chunk, order);
        TokenSet djl = TokenSet.of(manager.create(flat(x), new Shape(streams, count, width)));
        ArrayTokenMerging.Merged[] expected = new ArrayTokenMerging.Merged[streams];
        for (int s = 0; s < streams; s++) {
            expected[s] = new ArrayTokenMerging.Merged(x[s], ones(count));
        }
        for (int step = 0; step < steps.size(); step++) {
            int r = steps.get(step);
            djl = tensor.merge(djl, r);
            for (int s = 0; s < streams; s++) {
                expected[s] = arrays.step(expected[s].tokens(), expected[s].sizes(), r);
                assertSame(djl, s, expected[s], order + ", chunk " + chunk + ", step " + step + " (r " + r + "), stream " + s);
            }
        }
    }

    private static void assertSame(TokenSet djl, int stream, ArrayTokenMerging.Merged arrays, String where) {
        int tokens = djl.tokenCount();
        assertThat(arrays.tokens()).as(where).hasNumberOfRows(tokens);
        float[] sizes = djl.sizes().get(stream).toFloatArray();
        int[] djlSizes = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            djlSizes[i] = Math.round(sizes[i]);
        }
        assertThat(arrays.sizes()).as(where + ": sizes").containsExactly(djlSizes);
        float[] features = djl.features().get(stream).toFloatArray();
        int width = arrays.tokens()[0].length;
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < width; d++) {
                assertThat(arrays.tokens()[t][d]).as("%s: token %d, feature %d", where, t, d)
                        .isCloseTo(features[t * width + d], within(FEATURE_TOLERANCE));
            }
        }
    }

    private static float[][][] gaussian(Random random, int streams, int count, int width) {
        float[][][] x = new float[streams][count][width];
        for (float[][] stream : x) {
            for (float[] token : stream) {
                for (int d = 0; d < width; d++) {
                    token[d] = (float) random.nextGaussian();
                }
            }
        }
        return x;
    }

    private static float[] flat(float[][][] x) {
        int width = x[0][0].length;
        float[] out = new float[x.length * x[0].length * width];
        int i = 0;
        for (float[][] stream : x) {
            for (float[] token : stream) {
                System.arraycopy(token, 0, out, i, width);
                i += width;
            }
        }
        return out;
    }

    private static int[] ones(int n) {
        int[] out = new int[n];
        Arrays.fill(out, 1);
        return out;
    }
}
