package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The tensor scan (blocked, vectorised over batch × d_inner × d_state) and the SIMD scan against the plain loops. */
class SelectiveScanTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void tensorScanEqualsTheLoopsInOneBlockAndAcrossBlocks() {
        int batch = 3;
        int length = 37;
        int inner = 24;
        int state = 8;
        ScanInputs in = inputs(new Random(5), batch, length, inner, state);
        ScanResult loops = new ArraySelectiveScan().scan(in);
        // one block for the whole sequence, then blocks of 5 steps (and a ragged last block)
        for (long blockElements : new long[] {1L << 24, 5L * batch * inner * state}) {
            ScanResult tensors = new TensorSelectiveScan(blockElements).scan(in);
            assertThat(tensors.y().getShape()).isEqualTo(new Shape(batch, length, inner));
            assertThat(tensors.last().getShape()).isEqualTo(new Shape(batch, inner, state));
            assertClose(tensors.y().toFloatArray(), loops.y().toFloatArray());
            assertClose(tensors.last().toFloatArray(), loops.last().toFloatArray());
        }
    }

    @Test
    void vectorScanEqualsTheLoopsOnFullVectorsAndOnTheScalarTail() {
        assertThat(dev.vigil.models.runtime.VectorApi.available()).as("tests run with --add-modules jdk.incubator.vector").isTrue();
        // d_inner 40: full vectors of 8 or 16 lanes and a scalar tail; d_state 5: an odd count
        ScanInputs in = inputs(new Random(9), 3, 29, 40, 5);
        ScanResult loops = new ArraySelectiveScan().scan(in);
        ScanResult vectors = new VectorSelectiveScan().scan(in);
        assertThat(vectors.y().getShape()).isEqualTo(new Shape(3, 29, 40));
        assertThat(vectors.last().getShape()).isEqualTo(new Shape(3, 40, 5));
        assertClose(vectors.y().toFloatArray(), loops.y().toFloatArray());
        assertClose(vectors.last().toFloatArray(), loops.last().toFloatArray());
    }

    @Test
    void cpuUsesTheVectorScanWhenTheModuleIsThere() {
        assertThat(SelectiveScan.forDevice(ai.djl.Device.cpu())).isInstanceOf(VectorSelectiveScan.class);
    }

    private ScanInputs inputs(Random random, int batch, int length, int inner, int state) {
        NDArray x = gaussian(random, new Shape(batch, length, inner));
        NDArray delta = uniform(random, new Shape(batch, length, inner), 0.01f, 0.5f);
        NDArray a = uniform(random, new Shape(inner, state), 1f, 16f).neg();
        NDArray b = gaussian(random, new Shape(batch, length, state));
        NDArray c = gaussian(random, new Shape(batch, length, state));
        NDArray d = gaussian(random, new Shape(inner));
        NDArray initial = gaussian(random, new Shape(batch, inner, state));
        return new ScanInputs(x, delta, a, b, c, d, initial);
    }

    private NDArray gaussian(Random random, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return manager.create(v, shape);
    }

    private NDArray uniform(Random random, Shape shape, float low, float high) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = low + random.nextFloat() * (high - low);
        }
        return manager.create(v, shape);
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(1e-4f * (1 + Math.abs(expected[i])));
        }
    }
}
