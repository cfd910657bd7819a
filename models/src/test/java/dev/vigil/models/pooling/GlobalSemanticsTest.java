package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GlobalSemanticsTest {

    @Test
    void runningMeanEqualsTheMeanOfAllFramesSeen() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random random = new Random(3);
            float[] data = new float[10 * 6 * 4];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            NDArray tokens = m.create(data, new Shape(10, 6, 4)); // 10 frames × 6 patches × 4 channels
            NDArray frames = new FrameMeanPooling().apply(tokens);
            assertThat(frames.getShape()).isEqualTo(new Shape(10, 4));

            GlobalSemantics running = GlobalSemantics.empty(4);
            assertThat(running.mean()).containsExactly(0, 0, 0, 0);
            for (int start = 0; start < 10; start += 3) {
                running = running.plus(frames.get(start + ":" + Math.min(10, start + 3)));
            }
            assertThat(running.frames()).isEqualTo(10);
            float[] expected = tokens.reshape(60, 4).mean(new int[] {0}).toFloatArray();
            float[] actual = running.mean();
            for (int i = 0; i < 4; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }

    @Test
    void roundTripsThroughBytes() {
        GlobalSemantics value = new GlobalSemantics(123456789L, new double[] {1.5, -2.25, 1e-300, 7});
        GlobalSemanticsFormat format = new GlobalSemanticsFormat();
        assertThat(format.read(format.write(value), 4)).isEqualTo(value);
        assertThatThrownBy(() -> format.read(format.write(value), 5)).hasMessageContaining("dim 4");
        byte[] bad = format.write(value);
        bad[1] = 'X';
        assertThatThrownBy(() -> format.read(bad, 4)).hasMessageContaining("magic");
    }
}
