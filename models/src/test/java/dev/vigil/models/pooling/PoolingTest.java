package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PoolingTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** [B, T, P, C] with value = 1000·b + 100·t + p + c/10, so every element says where it came from. */
    private NDArray grid(int b, int t, int p, int c) {
        float[] data = new float[b * t * p * c];
        int i = 0;
        for (int ib = 0; ib < b; ib++) {
            for (int it = 0; it < t; it++) {
                for (int ip = 0; ip < p; ip++) {
                    for (int ic = 0; ic < c; ic++) {
                        data[i++] = 1000 * ib + 100 * it + ip + ic / 10f;
                    }
                }
            }
        }
        return manager.create(data, new Shape(b, t, p, c));
    }

    @Test
    void temporalPoolingAveragesConsecutiveFrames() {
        NDArray pooled = new TemporalAveragePooling(4).apply(grid(2, 8, 16, 3));
        assertThat(pooled.getShape()).isEqualTo(new Shape(2, 2, 16, 3));
        // Frames 4..7 of stream 1, patch 5, channel 2: mean of 100·t over t = 4..7 is 550.
        assertThat(pooled.getFloat(1, 1, 5, 2)).isCloseTo(1000 + 550 + 5 + 0.2f, within(1e-3f));
        assertThatThrownBy(() -> new TemporalAveragePooling(4).apply(grid(1, 6, 4, 2)))
                .hasMessageContaining("groups of 4");
    }

    @Test
    void spatialPoolingAveragesTwoByTwoWindowsInRasterOrder() {
        SpatialAveragePooling pooling = SpatialAveragePooling.twoByTwo(16);
        NDArray pooled = pooling.apply(grid(1, 3, 256, 2));
        assertThat(pooling.pooledTokens()).isEqualTo(64);
        assertThat(pooled.getShape()).isEqualTo(new Shape(1, 3, 64, 2));
        // Pooled token (row 2, col 3) = 2·8 + 3 = 19 averages patches (4,6) (4,7) (5,6) (5,7).
        float expected = (4 * 16 + 6 + 4 * 16 + 7 + 5 * 16 + 6 + 5 * 16 + 7) / 4f;
        assertThat(pooled.getFloat(0, 2, 19, 1)).isCloseTo(200 + expected + 0.1f, within(1e-3f));
        NDArray rect = new SpatialAveragePooling(2, 4, 2).apply(grid(1, 1, 8, 1));
        assertThat(rect.toFloatArray()).containsExactly((0 + 1 + 4 + 5) / 4f, (2 + 3 + 6 + 7) / 4f);
        assertThatThrownBy(() -> SpatialAveragePooling.twoByTwo(15)).hasMessageContaining("does not split");
    }

    @Test
    void temporalSamplingKeepsEveryKthStreamFrameWhateverTheClipBoundaries() {
        TemporalSampling sampling = new TemporalSampling(2);
        assertThat(sampling.keptFrames(0, 4)).containsExactly(0, 2);
        assertThat(sampling.keptFrames(5, 4)).containsExactly(6, 8);
        // Clips of any length, concatenated, keep exactly the frames one long run keeps.
        TemporalSampling three = new TemporalSampling(3);
        long[] whole = three.keptFrames(0, 20);
        long[] pieces = java.util.stream.LongStream.concat(
                java.util.stream.LongStream.of(three.keptFrames(0, 7)),
                java.util.stream.LongStream.concat(java.util.stream.LongStream.of(three.keptFrames(7, 5)),
                        java.util.stream.LongStream.of(three.keptFrames(12, 8)))).toArray();
        assertThat(pieces).containsExactly(whole);

        SampledFrames kept = sampling.apply(grid(2, 4, 3, 2), 5);
        assertThat(kept.frameIndices()).containsExactly(6, 8);
        assertThat(kept.tokens().getShape()).isEqualTo(new Shape(2, 2, 3, 2));
        assertThat(kept.tokens().getFloat(1, 0, 0, 0)).isEqualTo(1000 + 100); // local frame 1
        assertThat(kept.tokens().getFloat(1, 1, 0, 0)).isEqualTo(1000 + 300); // local frame 3
    }

    @Test
    void storm8xBudgetTurnsA16x16GridInto16TokensPerFrame() {
        NDArray clip = grid(1, 4, 256, 2);
        NDArray pooled = SpatialAveragePooling.twoByTwo(16).apply(new TemporalAveragePooling(4).apply(clip));
        assertThat(pooled.getShape()).isEqualTo(new Shape(1, 1, 64, 2)); // 64 tokens for 4 frames
    }
}
